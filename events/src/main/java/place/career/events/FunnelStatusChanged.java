package place.career.events;

import java.time.Instant;

/**
 * One transition of a candidate's funnel, published by funnel-orchestrator on {@link Topics#FUNNEL_STATUS}.
 *
 * <p>{@code version} starts at 1 for {@code INVITED} and grows by one per transition, so a consumer
 * that has applied version n can ignore any record with a version of n or less.
 *
 * @param eventId stable per transition: a re-publish of the same transition repeats it
 * @param funnelId the funnel's id
 * @param version position of this transition in the funnel's history, starting at 1
 * @param installationId the installation of the Lever account
 * @param opportunityId Lever's opportunity id
 * @param invitationId the id in the candidate's personal funnel link
 * @param jobId the career.place job the funnel belongs to
 * @param jobTitle the career.place job's title, for e-mails
 * @param status the new state
 * @param previousStatus the state before, null for {@code INVITED}
 * @param occurredAt when the transition happened
 * @param candidateName the candidate's name (present while the data is not erased)
 * @param candidateEmail the candidate's e-mail address (present while the data is not erased)
 * @param applicantCardUrl link to the applicant card ({@code IN_PROGRESS} only)
 * @param reason why the funnel reached this state (unqualified reason, close or opt-out cause)
 */
public record FunnelStatusChanged(
        String eventId,
        String funnelId,
        int version,
        String installationId,
        String opportunityId,
        String invitationId,
        String jobId,
        String jobTitle,
        FunnelStatus status,
        FunnelStatus previousStatus,
        Instant occurredAt,
        String candidateName,
        String candidateEmail,
        String applicantCardUrl,
        String reason) {

    /** Returns the record key: every event of one candidate lands on one partition. */
    public String key() {
        return Topics.candidateKey(installationId, opportunityId);
    }

    /** Prints ids only: the candidate's name, e-mail and reason never reach a log. */
    @Override
    public String toString() {
        return "FunnelStatusChanged[eventId=" + eventId + ", funnelId=" + funnelId + ", version=" + version
                + ", installationId=" + installationId + ", opportunityId=" + opportunityId + ", status=" + status
                + "]";
    }
}
