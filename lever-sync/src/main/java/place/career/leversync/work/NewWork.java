package place.career.leversync.work;

/**
 * Work to enqueue.
 *
 * @param dedupeKey unique per piece of work, so a redelivered record enqueues nothing new
 * @param priority lower runs first among items that are due
 */
public record NewWork(
        String installationId,
        WorkKind kind,
        String dedupeKey,
        String stream,
        long seq,
        int priority,
        String opportunityId,
        String funnelId,
        Integer version,
        String originTopic,
        String payload) {

    /** Prints ids only. */
    @Override
    public String toString() {
        return "NewWork[installationId=" + installationId + ", kind=" + kind + ", dedupeKey=" + dedupeKey + "]";
    }
}
