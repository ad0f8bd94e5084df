package place.career.leversync.work;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The durable work queue in {@code lever_sync.work_item}. */
@ApplicationScoped
public class WorkQueue {

    private static final String COLUMNS = "id, installation_id, kind, stream, seq, opportunity_id, funnel_id,"
            + " version, origin_topic, payload::text as payload_text, attempts, created_at";

    private final Pool pool;

    WorkQueue(Pool pool) {
        this.pool = pool;
    }

    /**
     * Enqueues work unless its dedupe key is known. A dead-lettered item with the same key is
     * revived with zero attempts, which is how a redriven record runs again. Returns the item id,
     * or null when the work was already queued or done.
     */
    public Uni<Long> enqueue(NewWork work) {
        return enqueue(work, Duration.ZERO);
    }

    /**
     * Enqueues work like {@link #enqueue(NewWork)} that lanes leave alone for {@code reserved}, so
     * the caller can run it first and then {@link #finish} it. If the caller fails, a lane runs
     * it afterwards. {@link #release} hands it to the lanes earlier.
     */
    public Uni<Long> enqueue(NewWork work, Duration reserved) {
        String sql = "insert into lever_sync.work_item (installation_id, kind, dedupe_key, stream, seq, priority,"
                + " opportunity_id, funnel_id, version, origin_topic, payload, not_before)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now() + $12 * interval '1 millisecond')"
                + " on conflict (dedupe_key) do update set state = 'PENDING', attempts = 0,"
                + " not_before = excluded.not_before,"
                + " last_error = null, finished_at = null, payload = excluded.payload"
                + " where lever_sync.work_item.state = 'DEAD'"
                + " returning id";
        Tuple parameters = Tuple.tuple()
                .addString(work.installationId())
                .addString(work.kind().name())
                .addString(work.dedupeKey())
                .addString(work.stream())
                .addLong(work.seq())
                .addInteger(work.priority())
                .addString(work.opportunityId())
                .addString(work.funnelId())
                .addInteger(work.version())
                .addString(work.originTopic())
                .addValue(new JsonObject(work.payload()))
                .addLong(reserved.toMillis());
        return pool.preparedQuery(sql).execute(parameters)
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("id") : null);
    }

    /** Makes a reserved item due now, so that a lane runs it. */
    public Uni<Void> release(long id) {
        return pool.preparedQuery("update lever_sync.work_item set not_before = now() where id = $1 and state = 'PENDING'")
                .execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /** Returns whether no earlier item of the same stream is still pending. */
    public Uni<Boolean> isHeadOfStream(long id) {
        String sql = "select not exists (select 1 from lever_sync.work_item earlier"
                + " join lever_sync.work_item item on item.id = $1"
                + " where earlier.installation_id = item.installation_id and earlier.stream = item.stream"
                + " and earlier.state = 'PENDING' and (earlier.seq, earlier.id) < (item.seq, item.id)) as head";
        return pool.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> rows.iterator().next().getBoolean("head"));
    }

    /**
     * Skips the pending APPLICATION_CREATED items that come before this item in its stream, with
     * the reason. Returns how many were skipped.
     */
    public Uni<Integer> skipCreationsBefore(long id, String reason) {
        String sql = "update lever_sync.work_item earlier set state = 'SKIPPED', finished_at = now(), last_error = $2"
                + " from lever_sync.work_item item where item.id = $1"
                + " and earlier.installation_id = item.installation_id and earlier.stream = item.stream"
                + " and earlier.state = 'PENDING' and earlier.kind = 'APPLICATION_CREATED'"
                + " and (earlier.seq, earlier.id) < (item.seq, item.id)";
        return pool.preparedQuery(sql).execute(Tuple.of(id, reason)).map(rows -> rows.rowCount());
    }

    /** Returns whether the item is still pending. */
    public Uni<Boolean> isPending(long id) {
        return pool.preparedQuery("select 1 from lever_sync.work_item where id = $1 and state = 'PENDING'")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext());
    }

    /** Returns the item with this id if it is still pending. */
    public Uni<WorkItem> findPending(long id) {
        return pool.preparedQuery("select " + COLUMNS + " from lever_sync.work_item where id = $1 and state = 'PENDING'")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? map(rows.iterator().next()) : null);
    }

    /**
     * Returns due items of an installation that head their stream, oldest first within a
     * priority, skipping streams that already run.
     */
    public Uni<List<WorkItem>> claimable(String installationId, Collection<String> busyStreams, int limit) {
        String sql = "select " + COLUMNS + " from lever_sync.work_item item"
                + " where item.installation_id = $1 and item.state = 'PENDING' and item.not_before <= now()"
                + " and item.stream <> all($2)"
                + " and not exists (select 1 from lever_sync.work_item earlier"
                + " where earlier.installation_id = item.installation_id and earlier.stream = item.stream"
                + " and earlier.state = 'PENDING' and (earlier.seq, earlier.id) < (item.seq, item.id))"
                + " order by item.priority, item.id limit $3";
        Tuple parameters = Tuple.of(installationId, busyStreams.toArray(String[]::new), limit);
        return pool.preparedQuery(sql).execute(parameters).map(rows -> {
            List<WorkItem> items = new ArrayList<>();
            rows.forEach(row -> items.add(map(row)));
            return items;
        });
    }

    /** Returns which of the given installations have pending items that are due now. */
    public Uni<Set<String>> installationsWithDueWork(Collection<String> installationIds) {
        if (installationIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String sql = "select distinct installation_id from lever_sync.work_item"
                + " where installation_id = any($1) and state = 'PENDING' and not_before <= now()";
        return pool.preparedQuery(sql).execute(Tuple.of(installationIds.toArray(String[]::new))).map(rows -> {
            Set<String> due = new HashSet<>();
            rows.forEach(row -> due.add(row.getString("installation_id")));
            return due;
        });
    }

    /** Finishes a pending item as DONE or SKIPPED, with an optional reason. */
    public Uni<Void> finish(long id, String state, String reason) {
        return pool.preparedQuery("update lever_sync.work_item set state = $2, last_error = $3, finished_at = now()"
                        + " where id = $1 and state = 'PENDING'")
                .execute(Tuple.of(id, state, reason))
                .replaceWithVoid();
    }

    /** Counts a failed attempt and keeps the item pending until {@code notBefore}. */
    public Uni<Void> retryLater(long id, int attempts, Instant notBefore, String error) {
        return pool.preparedQuery("update lever_sync.work_item set attempts = $2, not_before = $3, last_error = $4"
                        + " where id = $1 and state = 'PENDING'")
                .execute(Tuple.of(id, attempts, notBefore.atOffset(ZoneOffset.UTC), error))
                .replaceWithVoid();
    }

    /** Marks an item DEAD after it was sent to its dead-letter topic. */
    public Uni<Void> markDead(long id, int attempts, String error) {
        return pool.preparedQuery("update lever_sync.work_item set state = 'DEAD', attempts = $2, last_error = $3,"
                        + " finished_at = now() where id = $1 and state = 'PENDING'")
                .execute(Tuple.of(id, attempts, error))
                .replaceWithVoid();
    }

    /**
     * Removes names and e-mail addresses from every stored payload of the opportunity and skips
     * its pending funnel transitions, which would only write to a deleted candidate. Returns the
     * number of skipped transitions.
     */
    public Uni<Integer> eraseOpportunity(String installationId, String opportunityId) {
        String erase = "update lever_sync.work_item set payload = payload - 'candidateName' - 'candidateEmail'"
                + " where installation_id = $1 and opportunity_id = $2";
        String skip = "update lever_sync.work_item set state = 'SKIPPED', finished_at = now(),"
                + " last_error = 'candidate deleted in Lever'"
                + " where installation_id = $1 and opportunity_id = $2 and state = 'PENDING'"
                + " and kind = 'FUNNEL_TRANSITION'";
        Tuple parameters = Tuple.of(installationId, opportunityId);
        return pool.withTransaction(connection -> connection.preparedQuery(erase).execute(parameters)
                .chain(() -> connection.preparedQuery(skip).execute(parameters))
                .map(rows -> rows.rowCount()));
    }

    private static WorkItem map(Row row) {
        return new WorkItem(
                row.getLong("id"),
                row.getString("installation_id"),
                WorkKind.valueOf(row.getString("kind")),
                row.getString("stream"),
                row.getLong("seq"),
                row.getString("opportunity_id"),
                row.getString("funnel_id"),
                row.getInteger("version"),
                row.getString("origin_topic"),
                row.getString("payload_text"),
                row.getInteger("attempts"),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
