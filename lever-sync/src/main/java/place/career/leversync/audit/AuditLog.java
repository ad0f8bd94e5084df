package place.career.leversync.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log of Lever connections in {@code lever_sync.audit_log}: who changed what, and when.
 * Callers write an entry with the same connection, and so in the same transaction, as the change.
 */
@ApplicationScoped
public class AuditLog {

    private final Pool pool;

    AuditLog(Pool pool) {
        this.pool = pool;
    }

    /** Appends an entry through {@code client}. The detail must contain no secret and no personal data. */
    public Uni<Void> append(SqlClient client, AuditEntry entry) {
        return client.preparedQuery("insert into lever_sync.audit_log (organization_id, installation_id, actor,"
                        + " action, detail, occurred_at) values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple()
                        .addString(entry.organizationId())
                        .addString(entry.installationId())
                        .addString(entry.actor())
                        .addString(entry.action())
                        .addString(entry.detail())
                        .addOffsetDateTime(entry.occurredAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Returns the organisation's newest entries first, at most {@code limit}. */
    public Uni<List<AuditEntry>> list(String organizationId, int limit) {
        return pool.preparedQuery("select organization_id, installation_id, actor, action, detail, occurred_at"
                        + " from lever_sync.audit_log where organization_id = $1"
                        + " order by occurred_at desc, id desc limit $2")
                .execute(Tuple.of(organizationId, limit))
                .map(rows -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(map(row)));
                    return entries;
                });
    }

    private static AuditEntry map(Row row) {
        return new AuditEntry(row.getString("organization_id"), row.getString("installation_id"),
                row.getString("actor"), row.getString("action"), row.getString("detail"),
                row.getOffsetDateTime("occurred_at").toInstant());
    }
}
