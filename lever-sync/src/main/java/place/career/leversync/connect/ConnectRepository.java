package place.career.leversync.connect;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import place.career.leversync.audit.AuditEntry;
import place.career.leversync.audit.AuditLog;

/**
 * Stores the outcome of a completed OAuth connect. An organisation has at most one installation
 * that is not DISCONNECTED; reconnecting the same Lever account reuses its installation id and
 * keeps its settings (qualified stage, signing tokens) and history.
 */
@ApplicationScoped
public class ConnectRepository {

    private final Pool pool;
    private final AuditLog auditLog;

    ConnectRepository(Pool pool, AuditLog auditLog) {
        this.pool = pool;
        this.auditLog = auditLog;
    }

    /**
     * Stores the tokens and sets the installation CONNECTED, with its audit entry, in one
     * transaction. Stores nothing and returns {@link Stored#conflictingInstallationId} when the
     * organisation has an installation of another Lever account that is not DISCONNECTED.
     */
    public Uni<Stored> store(Connection connection) {
        return pool.withTransaction(sql -> lockOrganization(sql, connection.organizationId())
                .chain(() -> installationsOf(sql, connection.organizationId()))
                .chain(existing -> {
                    for (Existing other : existing) {
                        if (!other.leverAccountId().equals(connection.leverAccountId())
                                && !"DISCONNECTED".equals(other.status())) {
                            return Uni.createFrom().item(new Stored(null, null, other.id()));
                        }
                    }
                    Existing same = existing.stream()
                            .filter(row -> row.leverAccountId().equals(connection.leverAccountId()))
                            .findFirst().orElse(null);
                    return same == null ? insert(sql, connection) : update(sql, connection, same);
                }));
    }

    /** Serialises connects of one organisation, so two callbacks cannot both pass the check above. */
    private static Uni<Void> lockOrganization(SqlConnection sql, String organizationId) {
        return sql.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("lever_sync.connect:" + organizationId))
                .replaceWithVoid();
    }

    private static Uni<List<Existing>> installationsOf(SqlConnection sql, String organizationId) {
        return sql.preparedQuery("select id, lever_account_id, status from lever_sync.installation"
                        + " where organization_id = $1 for update")
                .execute(Tuple.of(organizationId))
                .map(ConnectRepository::existing);
    }

    private Uni<Stored> insert(SqlConnection sql, Connection connection) {
        String id = UUID.randomUUID().toString();
        String statement = "insert into lever_sync.installation (id, organization_id, lever_account_id,"
                + " access_token_sealed, refresh_token_sealed, access_token_expires_at, perform_as, granted_scopes,"
                + " connected_by, status, connected_at, created_at, updated_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'CONNECTED', $10, $10, $10)";
        Tuple parameters = Tuple.tuple()
                .addString(id)
                .addString(connection.organizationId())
                .addString(connection.leverAccountId())
                .addString(connection.accessTokenSealed())
                .addString(connection.refreshTokenSealed())
                .addOffsetDateTime(connection.accessTokenExpiresAt().atOffset(ZoneOffset.UTC))
                .addString(connection.performAs())
                .addString(connection.grantedScopes())
                .addString(connection.connectedBy())
                .addOffsetDateTime(connection.connectedAt().atOffset(ZoneOffset.UTC));
        AuditEntry entry = audit(connection, id, AuditEntry.CONNECTED, "new installation");
        return sql.preparedQuery(statement).execute(parameters)
                .chain(() -> auditLog.append(sql, entry))
                .replaceWith(new Stored(id, null, null));
    }

    private Uni<Stored> update(SqlConnection sql, Connection connection, Existing same) {
        String statement = "update lever_sync.installation set access_token_sealed = $2, refresh_token_sealed = $3,"
                + " access_token_expires_at = $4, perform_as = $5, granted_scopes = $6, connected_by = $7,"
                + " status = 'CONNECTED', connected_at = $8, disconnected_at = null, last_error = null,"
                + " last_error_at = null, updated_at = $8, state_version = state_version + 1 where id = $1";
        Tuple parameters = Tuple.tuple()
                .addString(same.id())
                .addString(connection.accessTokenSealed())
                .addString(connection.refreshTokenSealed())
                .addOffsetDateTime(connection.accessTokenExpiresAt().atOffset(ZoneOffset.UTC))
                .addString(connection.performAs())
                .addString(connection.grantedScopes())
                .addString(connection.connectedBy())
                .addOffsetDateTime(connection.connectedAt().atOffset(ZoneOffset.UTC));
        AuditEntry entry = audit(connection, same.id(), AuditEntry.RECONNECTED, "previous status " + same.status());
        return sql.preparedQuery(statement).execute(parameters)
                .chain(() -> auditLog.append(sql, entry))
                .replaceWith(new Stored(same.id(), same.status(), null));
    }

    private static AuditEntry audit(Connection connection, String installationId, String action, String reason) {
        String detail = "leverAccountId=" + connection.leverAccountId() + " performAs=" + connection.performAs()
                + "; " + reason;
        return new AuditEntry(connection.organizationId(), installationId, connection.connectedBy(), action, detail,
                connection.connectedAt());
    }

    private static List<Existing> existing(RowSet<Row> rows) {
        List<Existing> result = new ArrayList<>();
        rows.forEach(row -> result.add(new Existing(row.getString("id"), row.getString("lever_account_id"),
                row.getString("status"))));
        return result;
    }

    private record Existing(String id, String leverAccountId, String status) {}

    /**
     * The values a completed connect stores, with the tokens already sealed.
     *
     * @param grantedScopes the scopes Lever reported, space-separated; null when it reported none
     * @param connectedBy the career.place user id of the admin who started the connect
     */
    public record Connection(
            String organizationId,
            String leverAccountId,
            String accessTokenSealed,
            String refreshTokenSealed,
            Instant accessTokenExpiresAt,
            String performAs,
            String grantedScopes,
            String connectedBy,
            Instant connectedAt) {

        /** Prints ids only. */
        @Override
        public String toString() {
            return "Connection[organizationId=" + organizationId + ", leverAccountId=" + leverAccountId + "]";
        }
    }

    /**
     * The outcome of {@link #store}.
     *
     * @param installationId the connected installation; null when nothing was stored
     * @param previousStatus the status before a reconnect; null for a new installation
     * @param conflictingInstallationId the organisation's installation of another Lever account
     *     that blocked the connect; null when the connect was stored
     */
    public record Stored(String installationId, String previousStatus, String conflictingInstallationId) {}
}
