package place.career.ingress.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The keys of deliveries already accepted, in {@code ingress.accepted_delivery}. */
@ApplicationScoped
public class AcceptedDeliveryRepository {

    private static final String INSERT_ALL =
            "INSERT INTO ingress.accepted_delivery"
                    + " (delivery_key, installation_id, event, triggered_at, accepted_at)"
                    + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[],"
                    + " $4::timestamptz[], $5::timestamptz[])"
                    + " ON CONFLICT (delivery_key) DO NOTHING"
                    + " RETURNING delivery_key";

    private static final String DELETE_TRIGGERED_BEFORE =
            "DELETE FROM ingress.accepted_delivery WHERE delivery_key IN"
                    + " (SELECT delivery_key FROM ingress.accepted_delivery"
                    + " WHERE triggered_at < $1 LIMIT $2)";

    private static final String EXISTS =
            "SELECT 1 FROM ingress.accepted_delivery WHERE delivery_key = $1";

    @Inject Pool pool;

    /**
     * Inserts the keys in the caller's transaction, in the order given, and returns the keys that
     * were new. A key given twice is inserted once.
     *
     * <p>While another open transaction has inserted one of the keys, PostgreSQL makes this insert
     * wait for it: when that transaction commits the key is not returned, when it rolls back the
     * key is inserted here. So two concurrent copies of one delivery are never both new.
     */
    public Uni<Set<String>> insertAllIfAbsent(SqlConnection connection, List<Row> rows) {
        String[] keys = new String[rows.size()];
        String[] installations = new String[rows.size()];
        String[] events = new String[rows.size()];
        OffsetDateTime[] triggeredAt = new OffsetDateTime[rows.size()];
        OffsetDateTime[] acceptedAt = new OffsetDateTime[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            keys[i] = row.deliveryKey();
            installations[i] = row.installationId();
            events[i] = row.event();
            triggeredAt[i] = utc(row.triggeredAt());
            acceptedAt[i] = utc(row.acceptedAt());
        }
        Tuple values =
                Tuple.tuple()
                        .addArrayOfString(keys)
                        .addArrayOfString(installations)
                        .addArrayOfString(events)
                        .addArrayOfOffsetDateTime(triggeredAt)
                        .addArrayOfOffsetDateTime(acceptedAt);
        return connection
                .preparedQuery(INSERT_ALL)
                .execute(values)
                .map(
                        inserted -> {
                            Set<String> newKeys = new HashSet<>();
                            inserted.forEach(row -> newKeys.add(row.getString(0)));
                            return newKeys;
                        });
    }

    /**
     * Deletes up to {@code limit} keys of deliveries triggered before the cutoff and returns the
     * count.
     */
    public Uni<Integer> deleteTriggeredBefore(Instant cutoff, int limit) {
        return pool.preparedQuery(DELETE_TRIGGERED_BEFORE)
                .execute(Tuple.of(utc(cutoff), limit))
                .map(rows -> rows.rowCount());
    }

    /** Returns whether the key is stored. */
    public Uni<Boolean> exists(String deliveryKey) {
        return pool.preparedQuery(EXISTS)
                .execute(Tuple.of(deliveryKey))
                .map(rows -> rows.size() > 0);
    }

    /** One delivery key with the facts stored next to it. */
    public record Row(
            String deliveryKey,
            String installationId,
            String event,
            Instant triggeredAt,
            Instant acceptedAt) {}

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
