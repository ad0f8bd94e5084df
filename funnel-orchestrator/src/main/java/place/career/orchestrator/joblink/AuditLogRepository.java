package place.career.orchestrator.joblink;

import static place.career.orchestrator.config.SqlTimes.toSql;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import place.career.orchestrator.config.SqlTimes;

/** The append-only audit log of job link changes. */
@ApplicationScoped
public class AuditLogRepository {

    /** Kinds of audited change. */
    public enum Action {
        JOB_LINK_CREATED,
        JOB_LINK_UPDATED,
        JOB_LINK_DELETED
    }

    /**
     * One audited change.
     *
     * @param organizationId the organisation whose data changed
     * @param actor the user id of the admin who made the change
     * @param action what kind of change it was
     * @param jobId the job whose link changed
     * @param before the link's installation, posting and title before, or null when it was created
     * @param after the link's installation, posting and title after, or null when it was deleted
     * @param requestId the id of the HTTP request that made the change
     * @param occurredAt when the change was committed
     */
    public record AuditEntry(
            String organizationId,
            String actor,
            Action action,
            String jobId,
            Map<String, Object> before,
            Map<String, Object> after,
            String requestId,
            Instant occurredAt) {}

    /** Appends an entry in the caller's transaction, so it commits with the change it describes. */
    public Uni<Void> insert(SqlConnection connection, AuditEntry entry) {
        String sql = """
                INSERT INTO audit_log (organization_id, actor, action, job_id, before_value, after_value,
                    request_id, occurred_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
        Tuple values = Tuple.tuple()
                .addString(entry.organizationId())
                .addString(entry.actor())
                .addString(entry.action().name())
                .addString(entry.jobId())
                .addValue(entry.before() == null ? null : new JsonObject(entry.before()))
                .addValue(entry.after() == null ? null : new JsonObject(entry.after()))
                .addString(entry.requestId())
                .addOffsetDateTime(toSql(entry.occurredAt()));
        return connection.preparedQuery(sql).execute(values).replaceWithVoid();
    }

    /** Returns an organisation's most recent entries, newest first. */
    public Uni<List<AuditEntry>> latest(SqlClient client, String organizationId, int limit) {
        String sql = """
                SELECT organization_id, actor, action, job_id, before_value, after_value, request_id, occurred_at
                  FROM audit_log WHERE organization_id = $1 ORDER BY id DESC LIMIT $2""";
        return client.preparedQuery(sql).execute(Tuple.of(organizationId, limit)).map(rows -> {
            List<AuditEntry> entries = new ArrayList<>(rows.size());
            for (Row row : rows) {
                entries.add(new AuditEntry(
                        row.getString("organization_id"),
                        row.getString("actor"),
                        Action.valueOf(row.getString("action")),
                        row.getString("job_id"),
                        toMap(row.getJsonObject("before_value")),
                        toMap(row.getJsonObject("after_value")),
                        row.getString("request_id"),
                        SqlTimes.instant(row, "occurred_at")));
            }
            return entries;
        });
    }

    private static Map<String, Object> toMap(JsonObject json) {
        return json == null ? null : json.getMap();
    }
}
