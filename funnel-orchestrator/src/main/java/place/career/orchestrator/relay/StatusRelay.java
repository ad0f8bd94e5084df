package place.career.orchestrator.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import place.career.events.EventJson;
import place.career.events.FunnelStatusChanged;
import place.career.orchestrator.config.OrchestratorConfig;
import place.career.orchestrator.config.SqlTimes;

/**
 * Publishes funnel transitions from the outbox (the {@code TRANSITION} rows of funnel_history) to
 * funnel.status.v1 and marks them published once Kafka acknowledged them.
 *
 * <p>Consumers commit a transition and its source event id in one transaction and acknowledge
 * their record right after; the relay is the only writer of the topic. A crash between commit and
 * publish therefore loses nothing: the row stays unpublished until a relay sends it. A crash
 * between send and marking sends the row again with the same event id, which consumers absorb.
 *
 * <p>One relay at a time sends, across all replicas, guarded by a transaction-scoped advisory
 * lock. Rows go out in id order, and a funnel's transitions are inserted in version order under
 * the funnel's row lock, so each funnel's records reach the topic in version order.
 *
 * <p>Known limitation: the single sender caps publishing at what one producer sends, so adding
 * replicas adds consumers but no publishing throughput. Sharding the lock by funnel would lift it.
 */
@ApplicationScoped
public class StatusRelay {

    /** Outgoing channel bound to funnel.status.v1. */
    public static final String CHANNEL = "funnel-status";

    /** Advisory lock key that elects the sending relay. No other code in the database may use it. */
    public static final long RELAY_LOCK_KEY = 0x0f_c0_5e_1a_7e_5a_11L;

    /** Maximum sends in flight at once. The idempotent producer keeps their order within a partition. */
    private static final int SEND_CONCURRENCY = 32;

    private final Pool pool;
    private final MutinyEmitter<byte[]> emitter;
    private final OrchestratorConfig config;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    StatusRelay(
            Pool pool,
            @Channel(CHANNEL) MutinyEmitter<byte[]> emitter,
            OrchestratorConfig config,
            Clock clock,
            MeterRegistry meters) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Starts a relay pass unless one is running, in which case that pass runs once more when it
     * ends. Returns at once; failures are logged and retried by the next poll.
     */
    public void wakeUp() {
        wakeUpPending.set(true);
        if (running.compareAndSet(false, true)) {
            drain().subscribe().with(sent -> finishPass(), failure -> {
                Log.warnf(failure, "Publishing funnel transitions failed; the next poll in %s retries",
                        config.relay().pollInterval());
                finishPass();
            });
        }
    }


    /**
     * Sends pending transitions in batches until a batch comes back short or another replica holds
     * the lock.
     *
     * @return the number of records sent
     */
    Uni<Integer> drain() {
        wakeUpPending.set(false);
        return sendBatch().flatMap(sent -> sent == config.relay().batchSize()
                ? drain().map(more -> sent + more)
                : Uni.createFrom().item(sent));
    }

    private void finishPass() {
        running.set(false);
        if (wakeUpPending.get()) {
            wakeUp();
        }
    }

    private Uni<Integer> sendBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(Tuple.of(RELAY_LOCK_KEY))
                .flatMap(rows -> rows.iterator().next().getBoolean("locked")
                        ? sendLocked(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> sendLocked(SqlConnection connection) {
        String sql = """
                SELECT h.id, h.payload, f.candidate_name, f.candidate_email, f.erased_at IS NOT NULL AS erased
                  FROM funnel_history h JOIN funnels f ON f.funnel_id = h.funnel_id
                 WHERE h.kind = 'TRANSITION' AND h.published_at IS NULL
                 ORDER BY h.id
                 LIMIT $1""";
        return connection.preparedQuery(sql).execute(Tuple.of(config.relay().batchSize())).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<Long> ids = new ArrayList<>(rows.size());
            List<FunnelStatusChanged> records = toRecords(rows, ids);
            return Multi.createFrom().iterable(records)
                    .onItem().transformToUni(this::send).merge(SEND_CONCURRENCY)
                    .collect().last()
                    .chain(() -> markPublished(connection, ids))
                    .invoke(() -> {
                        meters.counter("orchestrator.relay.published").increment(ids.size());
                        Log.debugf("Published %d funnel transitions up to history id %d", ids.size(),
                                ids.get(ids.size() - 1));
                    })
                    .replaceWith(ids.size());
        });
    }

    private Uni<Void> send(FunnelStatusChanged record) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .build();
        return emitter.sendMessage(Message.of(EventJson.write(record)).addMetadata(metadata));
    }

    private Uni<Void> markPublished(SqlConnection connection, List<Long> ids) {
        String sql = "UPDATE funnel_history SET published_at = $1 WHERE id = ANY($2)";
        Tuple values = Tuple.tuple()
                .addOffsetDateTime(SqlTimes.toSql(clock.instant()))
                .addArrayOfLong(ids.toArray(new Long[0]));
        return connection.preparedQuery(sql).execute(values).replaceWithVoid();
    }

    /** Rebuilds each record from its stored payload, adding the contact details unless they were erased. */
    private static List<FunnelStatusChanged> toRecords(RowSet<Row> rows, List<Long> ids) {
        List<FunnelStatusChanged> records = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            byte[] json = row.getJsonObject("payload").encode().getBytes(StandardCharsets.UTF_8);
            FunnelStatusChanged stored = EventJson.read(json, FunnelStatusChanged.class);
            boolean erased = row.getBoolean("erased");
            records.add(withContact(stored,
                    erased ? null : row.getString("candidate_name"),
                    erased ? null : row.getString("candidate_email")));
        }
        return records;
    }

    private static FunnelStatusChanged withContact(FunnelStatusChanged record, String name, String email) {
        return new FunnelStatusChanged(record.eventId(), record.funnelId(), record.version(),
                record.installationId(), record.opportunityId(), record.invitationId(), record.jobId(),
                record.jobTitle(), record.status(), record.previousStatus(), record.occurredAt(), name, email,
                record.applicantCardUrl(), record.reason());
    }
}
