package place.career.ingress.webhook;

/**
 * The ids taken from the {@code data} object of a Lever delivery. Lever's signature does not cover
 * {@code data}, so consumers treat these ids as hints and read current state from Lever.
 *
 * @param empty true when {@code data} was {@code {}}, which is how Lever's "Verify Connection"
 *     looks
 * @param opportunityId the opportunity, or Lever's deprecated alias {@code candidateId}
 * @param applicationId the application, when sent
 * @param contactId the contact, when sent
 * @param fromStageId previous stage of a stage change
 * @param toStageId new stage of a stage change
 * @param archived true when {@code toArchived} is an object, false when it is null, null when
 *     absent
 * @param archiveReasonId {@code toArchived.reason} of an archive change
 */
record DeliveryData(
        boolean empty,
        String opportunityId,
        String applicationId,
        String contactId,
        String fromStageId,
        String toStageId,
        Boolean archived,
        String archiveReasonId) {

    static final DeliveryData EMPTY =
            new DeliveryData(true, null, null, null, null, null, null, null);
}
