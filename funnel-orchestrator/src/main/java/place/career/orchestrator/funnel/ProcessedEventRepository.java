package place.career.orchestrator.funnel;

import static place.career.orchestrator.config.SqlTimes.toSql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Ids of the records already consumed, so that a redelivered or replayed record has no second effect.
 *
 * <p>Known limitation: ids are kept forever. That is a few dozen bytes per record; a retention job
 * becomes necessary only when the table grows past what an index lookup serves quickly.
 */
@ApplicationScoped
public class ProcessedEventRepository {

    /**
     * Records that the event was consumed, in the caller's transaction.
     *
     * <p>A concurrent transaction that claims the same id waits for this one and then finds the id
     * already claimed, so two replicas never both apply one record.
     *
     * @return true on the first claim, false when the event was processed before
     */
    public Uni<Boolean> claim(SqlConnection connection, SourceEvent source, Instant now) {
        String sql = """
                INSERT INTO processed_events (source_topic, event_id, processed_at)
                VALUES ($1, $2, $3)
                ON CONFLICT (source_topic, event_id) DO NOTHING""";
        return connection.preparedQuery(sql)
                .execute(Tuple.of(source.topic(), source.eventId(), toSql(now)))
                .map(rows -> rows.rowCount() == 1);
    }
}
