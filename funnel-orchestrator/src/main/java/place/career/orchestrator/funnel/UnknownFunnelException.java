package place.career.orchestrator.funnel;

import place.career.events.InvalidEventException;

/**
 * Thrown when a record refers to a funnel that does not exist. Retrying cannot help, so the
 * record goes to the dead-letter topic like any other invalid record.
 */
public class UnknownFunnelException extends InvalidEventException {

    /**
     * Creates the exception.
     *
     * @param eventId the record's event id
     * @param reference what the record referred to, without secrets, for example {@code funnelId=...}
     */
    public UnknownFunnelException(String eventId, String reference) {
        super("Event " + eventId + " refers to no known funnel (" + reference + ")");
    }
}
