package place.career.notifier.outcome;

import static place.career.notifier.db.Timestamps.utc;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import place.career.events.EventJson;
import place.career.events.NotifierOutcome;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/**
 * Transactional outbox of {@link NotifierOutcome}s. An outcome is inserted in the transaction that
 * decides it and published to {@code notifier.outcomes.v1} afterwards. So the topic gets every
 * committed decision and none that was rolled back. Publishing is at least once: a crash between
 * the Kafka acknowledgement and the update repeats the record with the same event id.
 */
@ApplicationScoped
public class OutcomeOutbox {

    static final String CHANNEL = "outcomes";
    private static final int RELAY_BATCH = 100;

    private static final String INSERT =
            """
            INSERT INTO notifier.outcome_outbox (event_id, record_key, payload, created_at)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (event_id) DO NOTHING\
            """;

    private static final String SELECT_UNPUBLISHED =
            """
            SELECT event_id, record_key, payload FROM notifier.outcome_outbox
            WHERE published_at IS NULL
            ORDER BY created_at, event_id
            LIMIT $1
            FOR UPDATE SKIP LOCKED\
            """;

    private static final String MARK_PUBLISHED =
            """
            UPDATE notifier.outcome_outbox SET published_at = $2 WHERE event_id = $1\
            """;

    private final Pool pool;
    private final MutinyEmitter<byte[]> emitter;
    private final Clock clock;

    public OutcomeOutbox(Pool pool, @Channel(CHANNEL) MutinyEmitter<byte[]> emitter, Clock clock) {
        this.pool = pool;
        this.emitter = emitter;
        this.clock = clock;
    }

    /**
     * Returns the stable event id of an outcome: one funnel has at most one outcome of each type,
     * so the id repeats on every retry and replay of the decision.
     */
    public static String eventId(NotifierOutcome.Type type, String funnelId) {
        String name = "notifier-outcome:" + type.name() + ":" + funnelId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Adds an outcome to the outbox on the caller's connection. A repeated event id is ignored. */
    public Uni<Void> add(SqlConnection connection, NotifierOutcome outcome) {
        Tuple values =
                Tuple.of(
                        outcome.eventId(),
                        outcome.key(),
                        EventJson.write(outcome),
                        utc(clock.instant()));
        return connection.preparedQuery(INSERT).execute(values).replaceWithVoid();
    }

    /**
     * Publishes up to one batch of unpublished outcomes in order and marks each once Kafka has
     * acknowledged it. Rows locked by another replica's relay are skipped.
     *
     * @return the number of outcomes published
     */
    public Uni<Integer> relay() {
        return pool.withTransaction(
                connection ->
                        connection
                                .preparedQuery(SELECT_UNPUBLISHED)
                                .execute(Tuple.of(RELAY_BATCH))
                                .onItem()
                                .transformToMulti(rows -> Multi.createFrom().iterable(rows))
                                .onItem()
                                .transformToUniAndConcatenate(row -> publish(connection, row))
                                .collect()
                                .asList()
                                .map(published -> published.size()));
    }

    private Uni<Row> publish(SqlConnection connection, Row row) {
        String eventId = row.getString("event_id");
        OutgoingKafkaRecordMetadata<String> metadata =
                OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(row.getString("record_key"))
                        .build();
        byte[] payload = row.getBuffer("payload").getBytes();
        return emitter.sendMessage(Message.of(payload).addMetadata(metadata))
                .chain(
                        () ->
                                connection
                                        .preparedQuery(MARK_PUBLISHED)
                                        .execute(Tuple.of(eventId, utc(clock.instant()))))
                .replaceWith(row);
    }
}
