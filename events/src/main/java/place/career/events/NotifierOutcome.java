package place.career.events;

import java.time.Instant;

/**
 * Something the notifier learned about a candidate, published on {@link Topics#NOTIFIER_OUTCOMES}.
 *
 * @param eventId stable per outcome, so a re-publish repeats it
 * @param type what happened
 * @param funnelId the funnel the invitation belongs to
 * @param installationId the installation, for the record key
 * @param opportunityId the opportunity, for the record key
 * @param occurredAt when the notifier decided it
 * @param detail a short reason without personal data, for example the SMTP reply code of a bounce
 */
public record NotifierOutcome(
        String eventId,
        Type type,
        String funnelId,
        String installationId,
        String opportunityId,
        Instant occurredAt,
        String detail) {

    /** Kinds of outcome. */
    public enum Type {
        /** No start within the reminder window. */
        OPTED_OUT,
        /** The candidate used the unsubscribe link. */
        UNSUBSCRIBED,
        /** The mail server rejected the address permanently. */
        BOUNCED
    }

    /** Returns the record key: every event of one candidate lands on one partition. */
    public String key() {
        return Topics.candidateKey(installationId, opportunityId);
    }
}
