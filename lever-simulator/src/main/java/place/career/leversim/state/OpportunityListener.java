package place.career.leversim.state;

/**
 * Receives the changes that Lever announces with webhooks. Methods run on the thread that made the
 * change while the account is locked, so implementations must only enqueue work.
 */
public interface OpportunityListener {

    default void applicationCreated(String accountId, OpportunitySnapshot opportunity) {}

    default void stageChanged(
            String accountId, OpportunitySnapshot opportunity, String fromStageId) {}

    default void archiveChanged(
            String accountId, OpportunitySnapshot opportunity, Archived fromArchived) {}

    default void hired(String accountId, OpportunitySnapshot opportunity) {}

    default void deleted(String accountId, OpportunitySnapshot opportunity) {}
}
