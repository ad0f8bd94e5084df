package place.career.orchestrator.installation;

import static place.career.orchestrator.config.SqlTimes.toSql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Iterator;
import place.career.events.InstallationChanged;
import place.career.orchestrator.config.SqlTimes;

/** The local copy of lever.installations.v1: owner organisation and status of each installation. */
@ApplicationScoped
public class InstallationRepository {

    /**
     * An installation as last seen on the topic.
     *
     * @param installationId the installation's id
     * @param organizationId the career.place organisation that owns it
     * @param status the last published status
     * @param deleted whether lever-sync deleted it (a tombstone on the topic)
     * @param updatedAt when its state last changed
     */
    public record InstallationRow(
            String installationId,
            String organizationId,
            InstallationChanged.Status status,
            boolean deleted,
            Instant updatedAt) {

        /** Returns whether funnels and job links may still use this installation. */
        public boolean isActive() {
            return !deleted && status != InstallationChanged.Status.DISCONNECTED;
        }
    }

    /** Returns the installation with this id, or null when the topic never mentioned it. */
    public Uni<InstallationRow> find(SqlClient client, String installationId) {
        String sql = """
                SELECT installation_id, organization_id, status, deleted, updated_at
                  FROM installations WHERE installation_id = $1""";
        return client.preparedQuery(sql).execute(Tuple.of(installationId)).map(rows -> {
            Iterator<Row> iterator = rows.iterator();
            return iterator.hasNext() ? toInstallation(iterator.next()) : null;
        });
    }

    /**
     * Stores the installation's state unless a newer state is already stored, which keeps a
     * replayed or reordered record from undoing a later change.
     *
     * @return true when the state was stored, false when it was older than the stored one
     */
    public Uni<Boolean> upsert(SqlConnection connection, InstallationChanged change) {
        String sql = """
                INSERT INTO installations (installation_id, organization_id, status, deleted, updated_at)
                VALUES ($1, $2, $3, false, $4)
                ON CONFLICT (installation_id) DO UPDATE
                   SET organization_id = EXCLUDED.organization_id, status = EXCLUDED.status,
                       deleted = false, updated_at = EXCLUDED.updated_at
                 WHERE installations.updated_at <= EXCLUDED.updated_at""";
        Tuple values = Tuple.tuple()
                .addString(change.installationId())
                .addString(change.organizationId())
                .addString(change.status().name())
                .addOffsetDateTime(toSql(change.updatedAt()));
        return connection.preparedQuery(sql).execute(values).map(rows -> rows.rowCount() == 1);
    }

    /** Marks the installation deleted, after a tombstone on the topic. */
    public Uni<Void> markDeleted(SqlConnection connection, String installationId, Instant now) {
        String sql = """
                INSERT INTO installations (installation_id, organization_id, status, deleted, updated_at)
                VALUES ($1, NULL, 'DISCONNECTED', true, $2)
                ON CONFLICT (installation_id) DO UPDATE
                   SET status = 'DISCONNECTED', deleted = true,
                       updated_at = GREATEST(installations.updated_at, EXCLUDED.updated_at)""";
        return connection.preparedQuery(sql).execute(Tuple.of(installationId, toSql(now))).replaceWithVoid();
    }

    private static InstallationRow toInstallation(Row row) {
        return new InstallationRow(
                row.getString("installation_id"),
                row.getString("organization_id"),
                InstallationChanged.Status.valueOf(row.getString("status")),
                row.getBoolean("deleted"),
                SqlTimes.instant(row, "updated_at"));
    }
}
