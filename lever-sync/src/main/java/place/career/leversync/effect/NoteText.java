package place.career.leversync.effect;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import place.career.events.FunnelStatusChanged;

/**
 * Plain-text notes for funnel transitions. Each ends with a marker line that is unique per
 * funnel and version, so that a note whose creation had an unknown outcome can be found in
 * Lever's notes before it is posted again.
 */
final class NoteText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private NoteText() {}

    /** Returns the marker of a transition's note, for example {@code [career.place f-1/3]}. */
    static String marker(String funnelId, int version) {
        return "[career.place " + funnelId + "/" + version + "]";
    }

    /** Returns the note of a transition, or null for a state that gets none. */
    static String of(FunnelStatusChanged transition) {
        String who = transition.candidateName() == null || transition.candidateName().isBlank()
                ? "The candidate" : transition.candidateName();
        String job = transition.jobTitle() == null || transition.jobTitle().isBlank()
                ? "this job" : transition.jobTitle();
        String when = transition.occurredAt() == null ? "an unknown time" : TIME.format(transition.occurredAt());
        String body = switch (transition.status()) {
            case INVITED -> who + " was invited to the career.place qualification for " + job + " (" + when + ").";
            case IN_PROGRESS -> who + " started the career.place qualification for " + job + " (" + when + ")."
                    + line("Applicant card", transition.applicantCardUrl());
            case QUALIFIED -> who + " qualified in career.place for " + job + " (" + when + ").";
            case UNQUALIFIED -> who + " did not qualify in career.place for " + job + " (" + when + ")."
                    + line("Reason", transition.reason());
            case OPTED_OUT -> who + " opted out of the career.place qualification for " + job + " (" + when + ")."
                    + line("Reason", transition.reason());
            case CLOSED -> "The career.place qualification for " + job + " was closed (" + when + ")."
                    + line("Reason", transition.reason());
        };
        return body + "\n" + marker(transition.funnelId(), transition.version());
    }

    private static String line(String label, String value) {
        return value == null || value.isBlank() ? "" : "\n" + label + ": " + value;
    }
}
