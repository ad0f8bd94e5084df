package place.career.leversim.state;

/** Entry of an opportunity's stage history, as in Lever's {@code stageChanges} array. */
public record StageChange(String toStageId, int toStageIndex, long updatedAt, String userId) {
}
