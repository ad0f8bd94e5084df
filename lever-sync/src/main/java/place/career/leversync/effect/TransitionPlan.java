package place.career.leversync.effect;

import java.util.List;
import java.util.Locale;
import place.career.events.FunnelStatus;
import place.career.events.FunnelStatusChanged;

/**
 * The Lever effects of one funnel transition: the CP-* tag to set, the tags of ours to remove,
 * the note, and the stage move.
 *
 * @param tag the tag the opportunity should carry, or null to keep the current one
 * @param otherTags our other CP-* tags, removed when {@code tag} is set
 * @param note the note text, or null for no note
 * @param stageId the stage to move to, or null for no move
 */
public record TransitionPlan(String tag, List<String> otherTags, String note, String stageId) {

    static final String SENT = "CP-Sent";
    static final String IN_PROGRESS = "CP-InProg";
    static final String QUALIFIED = "CP-Qual";
    static final String UNQUALIFIED = "CP-Unqual";
    /** Every tag lever-sync manages. Tags a recruiter made that merely start with CP- are not ours. */
    public static final List<String> OUR_TAGS = List.of(SENT, IN_PROGRESS, QUALIFIED, UNQUALIFIED);

    /** Builds the plan for a transition; {@code qualifiedStageId} may be null when none is chosen. */
    public static TransitionPlan of(FunnelStatusChanged transition, String qualifiedStageId) {
        String note = NoteText.of(transition);
        return switch (transition.status()) {
            case INVITED -> tagged(SENT, note, null);
            case IN_PROGRESS -> tagged(IN_PROGRESS, note, null);
            case QUALIFIED -> tagged(QUALIFIED, note, qualifiedStageId);
            case UNQUALIFIED -> tagged(UNQUALIFIED, note, null);
            case OPTED_OUT -> new TransitionPlan(null, List.of(), note, null);
            case CLOSED -> isSilentClose(transition) ? new TransitionPlan(null, List.of(), null, null)
                    : new TransitionPlan(null, List.of(), note, null);
        };
    }

    /** Returns the tag a funnel in this state carries, or null for states that keep the previous tag. */
    public static String tagFor(FunnelStatus status) {
        return switch (status) {
            case INVITED -> SENT;
            case IN_PROGRESS -> IN_PROGRESS;
            case QUALIFIED -> QUALIFIED;
            case UNQUALIFIED -> UNQUALIFIED;
            case OPTED_OUT, CLOSED -> null;
        };
    }

    /** Returns whether the plan makes no Lever call. */
    public boolean isEmpty() {
        return tag == null && note == null && stageId == null;
    }

    /**
     * Returns whether a CLOSED transition must not touch Lever: the candidate was deleted there,
     * or the installation was disconnected. The orchestrator states why in {@code reason}.
     */
    static boolean isSilentClose(FunnelStatusChanged transition) {
        if (transition.status() != FunnelStatus.CLOSED || transition.reason() == null) {
            return false;
        }
        String reason = transition.reason().toUpperCase(Locale.ROOT);
        return reason.contains("DELETED") || reason.contains("DISCONNECTED");
    }

    private static TransitionPlan tagged(String tag, String note, String stageId) {
        List<String> others = OUR_TAGS.stream().filter(other -> !other.equals(tag)).toList();
        return new TransitionPlan(tag, others, note, stageId);
    }
}
