package place.career.ingress.webhook;

import place.career.events.WebhookReceived;

import java.util.Set;

/** Lever's webhook event names, sorted by what the ingress does with them. */
final class LeverEvents {

    /** Events that start, move or stop a candidate's funnel: published to the webhook topic. */
    private static final Set<String> FUNNEL_EVENTS =
            Set.of(
                    WebhookReceived.APPLICATION_CREATED,
                    WebhookReceived.CANDIDATE_STAGE_CHANGE,
                    WebhookReceived.CANDIDATE_ARCHIVE_CHANGE,
                    WebhookReceived.CANDIDATE_HIRED,
                    WebhookReceived.CANDIDATE_DELETED);

    /**
     * Events Lever documents that no funnel depends on: acknowledged and counted, not published. An
     * admin may point them at our URL because Lever's settings page offers one URL field per event.
     */
    private static final Set<String> UNUSED_EVENTS =
            Set.of(
                    "interviewCreated",
                    "interviewUpdated",
                    "interviewDeleted",
                    "contactCreated",
                    "contactUpdated");

    /** Handling of an event name by the ingress. */
    enum Kind {
        FUNNEL,
        UNUSED,
        UNKNOWN
    }

    private LeverEvents() {}

    static Kind kindOf(String event) {
        if (FUNNEL_EVENTS.contains(event)) {
            return Kind.FUNNEL;
        }
        return UNUSED_EVENTS.contains(event) ? Kind.UNUSED : Kind.UNKNOWN;
    }

    /**
     * Returns the event name when Lever documents it, otherwise {@code "unknown"}, for metric tags.
     */
    static String metricTag(String event) {
        return event != null && kindOf(event) != Kind.UNKNOWN ? event : "unknown";
    }
}
