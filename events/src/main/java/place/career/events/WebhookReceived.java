package place.career.events;

import java.time.Instant;

/**
 * A Lever webhook delivery whose signature was verified, as published on {@link Topics#LEVER_WEBHOOKS}.
 *
 * <p>Lever's payload carries ids only. Consumers must read current state from Lever's API before
 * acting, because the signature covers {@code token} and {@code triggeredAt} but not {@code data}.
 *
 * @param deliveryId Lever's event id when present, otherwise {@code token:<token>}; the dedupe key
 * @param installationId the installation whose signing token verified the delivery
 * @param event Lever's event name, for example {@code applicationCreated}
 * @param triggeredAt when Lever fired the event, epoch milliseconds as Lever sends it
 * @param receivedAt when the ingress accepted the delivery
 * @param opportunityId the opportunity the event is about
 * @param applicationId the application, when Lever sends one
 * @param contactId the contact, when Lever sends one
 * @param fromStageId previous stage, for {@code candidateStageChange}
 * @param toStageId new stage, for {@code candidateStageChange}
 * @param archived for {@code candidateArchiveChange}: true when archived, false when unarchived
 * @param archiveReasonId Lever's archive reason id when archived
 * @param connectionCheck true for Lever's "Verify Connection" request (empty {@code data}): it only
 *     records that the installation's webhook works and never reaches a funnel
 */
public record WebhookReceived(
        String deliveryId,
        String installationId,
        String event,
        long triggeredAt,
        Instant receivedAt,
        String opportunityId,
        String applicationId,
        String contactId,
        String fromStageId,
        String toStageId,
        Boolean archived,
        String archiveReasonId,
        boolean connectionCheck) {

    public static final String APPLICATION_CREATED = "applicationCreated";
    public static final String CANDIDATE_STAGE_CHANGE = "candidateStageChange";
    public static final String CANDIDATE_ARCHIVE_CHANGE = "candidateArchiveChange";
    public static final String CANDIDATE_HIRED = "candidateHired";
    public static final String CANDIDATE_DELETED = "candidateDeleted";

    /**
     * Returns the record key: every event of one candidate lands on one partition. A connection
     * check has no opportunity and is keyed by the installation alone.
     */
    public String key() {
        return connectionCheck ? installationId : Topics.candidateKey(installationId, opportunityId);
    }
}
