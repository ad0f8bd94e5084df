package place.career.leversync.work;

import java.time.Instant;

/**
 * One queued unit of work for an installation.
 *
 * @param stream items of one stream run one at a time in {@code seq} order (per funnel for
 *     transitions, per opportunity for webhook work)
 * @param originTopic the topic the payload came from, whose .dlq receives the item if it fails
 * @param payload the originating record as JSON, with e-mail addresses removed
 * @param attempts failed runs so far
 */
public record WorkItem(
        long id,
        String installationId,
        WorkKind kind,
        String stream,
        long seq,
        String opportunityId,
        String funnelId,
        Integer version,
        String originTopic,
        String payload,
        int attempts,
        Instant createdAt) {

    /** Prints ids only: the payload can carry a candidate's name. */
    @Override
    public String toString() {
        return "WorkItem[id=" + id + ", installationId=" + installationId + ", kind=" + kind + ", stream=" + stream
                + ", seq=" + seq + ", attempts=" + attempts + "]";
    }
}
