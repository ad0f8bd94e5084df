package place.career.events;

import java.time.Instant;

/**
 * An application as read back from Lever by lever-sync, published on {@link Topics#LEVER_APPLICATIONS}.
 *
 * <p>{@code CREATED} carries the candidate's contact details so the funnel can invite them.
 * {@code CLOSED} says the opportunity left the funnel in Lever (archived, hired or deleted).
 * {@code ERASED} asks every service to delete the candidate's personal data.
 *
 * @param eventId stable id derived from the webhook delivery, so a redelivery repeats it
 * @param type what happened
 * @param installationId the installation the opportunity belongs to
 * @param opportunityId Lever's opportunity id
 * @param applicationId Lever's application id, when known
 * @param postingId the posting the application was made to ({@code CREATED} only)
 * @param candidateName the candidate's name ({@code CREATED} only)
 * @param candidateEmail the candidate's first e-mail address ({@code CREATED} only)
 * @param leverUrl link to the candidate in Lever ({@code CREATED} only)
 * @param closeReason why the funnel should close ({@code CLOSED} and {@code ERASED})
 * @param occurredAt when Lever fired the underlying webhook
 */
public record ApplicationEvent(
        String eventId,
        Type type,
        String installationId,
        String opportunityId,
        String applicationId,
        String postingId,
        String candidateName,
        String candidateEmail,
        String leverUrl,
        CloseReason closeReason,
        Instant occurredAt) {

    /** Kinds of application event. */
    public enum Type {
        CREATED,
        CLOSED,
        ERASED
    }

    /** Why Lever ended the candidate's funnel. */
    public enum CloseReason {
        ARCHIVED,
        HIRED,
        DELETED
    }

    /** Returns the record key: every event of one candidate lands on one partition. */
    public String key() {
        return Topics.candidateKey(installationId, opportunityId);
    }

    /** Prints ids only: the candidate's name and e-mail never reach a log. */
    @Override
    public String toString() {
        return "ApplicationEvent[eventId=" + eventId + ", type=" + type + ", installationId=" + installationId
                + ", opportunityId=" + opportunityId + ", postingId=" + postingId + "]";
    }
}
