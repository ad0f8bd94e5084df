package place.career.leversync.installation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import place.career.events.InstallationChanged.Status;

/** Stores installations in {@code lever_sync.installation}. */
@ApplicationScoped
public class InstallationRepository {

    private static final String COLUMNS = "id, organization_id, lever_account_id, perform_as, qualified_stage_id,"
            + " signing_tokens_sealed, status, last_webhook_at, last_verified_at, last_error, updated_at,"
            + " state_version";

    /** Audit actor of changes that lever-sync makes on its own, such as a revocation. */
    public static final String SYSTEM_ACTOR = "lever-sync";

    private final Pool pool;

    InstallationRepository(Pool pool) {
        this.pool = pool;
    }

    /** Returns the installation, or null when the id is unknown. */
    public Uni<Installation> find(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from lever_sync.installation where id = $1")
                .execute(Tuple.of(id))
                .map(InstallationRepository::firstOrNull);
    }

    /** Returns the installation of an organisation's Lever account, or null. */
    public Uni<Installation> findByAccount(String organizationId, String leverAccountId) {
        return pool.preparedQuery("select " + COLUMNS + " from lever_sync.installation"
                        + " where organization_id = $1 and lever_account_id = $2")
                .execute(Tuple.of(organizationId, leverAccountId))
                .map(InstallationRepository::firstOrNull);
    }

    /**
     * Returns the organisation's installation that the setup screens show: the one that is not
     * DISCONNECTED (the OAuth connect keeps at most one per organisation), else the most recently changed one, else null.
     */
    public Uni<Installation> findCurrentOfOrganization(String organizationId) {
        return pool.preparedQuery("select " + COLUMNS + " from lever_sync.installation where organization_id = $1"
                        + " order by (status <> 'DISCONNECTED') desc, updated_at desc limit 1")
                .execute(Tuple.of(organizationId))
                .map(InstallationRepository::firstOrNull);
    }

    /**
     * Inserts or replaces an installation with fresh tokens and status CONNECTED. A replaced row
     * keeps its webhook history and gets a new state version, so the change is announced again.
     */
    public Uni<Installation> upsertConnected(InstallationValues values) {
        String sql = "insert into lever_sync.installation (id, organization_id, lever_account_id,"
                + " access_token_sealed, refresh_token_sealed, access_token_expires_at, perform_as,"
                + " qualified_stage_id, signing_tokens_sealed, status, connected_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'CONNECTED', now())"
                + " on conflict (id) do update set organization_id = excluded.organization_id,"
                + " lever_account_id = excluded.lever_account_id,"
                + " access_token_sealed = excluded.access_token_sealed,"
                + " refresh_token_sealed = excluded.refresh_token_sealed,"
                + " access_token_expires_at = excluded.access_token_expires_at,"
                + " perform_as = excluded.perform_as, qualified_stage_id = excluded.qualified_stage_id,"
                + " signing_tokens_sealed = excluded.signing_tokens_sealed, status = 'CONNECTED',"
                + " last_error = null, updated_at = now(), connected_at = now(), disconnected_at = null,"
                + " state_version = lever_sync.installation.state_version + 1"
                + " returning " + COLUMNS;
        Tuple parameters = Tuple.tuple()
                .addString(values.id())
                .addString(values.organizationId())
                .addString(values.leverAccountId())
                .addString(values.accessTokenSealed())
                .addString(values.refreshTokenSealed())
                .addOffsetDateTime(toOffset(values.accessTokenExpiresAt()))
                .addString(values.performAs())
                .addString(values.qualifiedStageId())
                .addArrayOfString(values.signingTokensSealed().toArray(String[]::new));
        return pool.preparedQuery(sql).execute(parameters).map(InstallationRepository::firstOrNull);
    }

    /** Records that a webhook delivery arrived, and for a connection check that it was verified. */
    public Uni<Boolean> recordWebhook(String id, Instant receivedAt, boolean connectionCheck) {
        String sql = connectionCheck
                ? "update lever_sync.installation set last_webhook_at = greatest(last_webhook_at, $2),"
                        + " last_verified_at = greatest(last_verified_at, $2) where id = $1"
                : "update lever_sync.installation set last_webhook_at = greatest(last_webhook_at, $2)"
                        + " where id = $1";
        return pool.preparedQuery(sql).execute(Tuple.of(id, toOffset(receivedAt)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Records the latest error seen for the installation, shown on the connection status. */
    public Uni<Void> recordError(String id, String error, Instant at) {
        return pool.preparedQuery("update lever_sync.installation set last_error = $2, last_error_at = $3"
                        + " where id = $1")
                .execute(Tuple.of(id, error, toOffset(at)))
                .replaceWithVoid();
    }

    /**
     * Marks a connected installation REVOKED and writes the audit entry in the same statement.
     * Returns false when it was not connected, so the caller announces the change only once.
     */
    public Uni<Boolean> markRevoked(String id, String reason, Instant at) {
        String sql = "with revoked as (update lever_sync.installation set status = 'REVOKED', last_error = $2,"
                + " last_error_at = $3, updated_at = $3, state_version = state_version + 1"
                + " where id = $1 and status = 'CONNECTED' returning id, organization_id)"
                + " insert into lever_sync.audit_log (organization_id, installation_id, actor, action, detail,"
                + " occurred_at) select organization_id, id, $4, 'REVOKED', $2, $3 from revoked";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(id, reason, toOffset(at), SYSTEM_ACTOR))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Returns the installations whose current state lever.installations.v1 has not yet received. */
    Uni<List<Installation>> lockUnpublished(SqlConnection connection, int limit) {
        return connection.preparedQuery("select " + COLUMNS + " from lever_sync.installation"
                        + " where published_version < state_version order by updated_at limit $1"
                        + " for update skip locked")
                .execute(Tuple.of(limit))
                .map(InstallationRepository::all);
    }

    /** Records that the given state version reached the installations topic. */
    Uni<Void> markPublished(SqlConnection connection, String id, long stateVersion) {
        return connection.preparedQuery("update lever_sync.installation set published_version = $2"
                        + " where id = $1 and published_version < $2")
                .execute(Tuple.of(id, stateVersion))
                .replaceWithVoid();
    }

    static OffsetDateTime toOffset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant toInstant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static Installation firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? map(rows.iterator().next()) : null;
    }

    private static List<Installation> all(RowSet<Row> rows) {
        List<Installation> result = new java.util.ArrayList<>();
        rows.forEach(row -> result.add(map(row)));
        return result;
    }

    private static Installation map(Row row) {
        String[] tokens = row.getArrayOfStrings("signing_tokens_sealed");
        return new Installation(
                row.getString("id"),
                row.getString("organization_id"),
                row.getString("lever_account_id"),
                row.getString("perform_as"),
                row.getString("qualified_stage_id"),
                tokens == null ? List.of() : Arrays.asList(tokens),
                Status.valueOf(row.getString("status")),
                toInstant(row.getOffsetDateTime("last_webhook_at")),
                toInstant(row.getOffsetDateTime("last_verified_at")),
                row.getString("last_error"),
                toInstant(row.getOffsetDateTime("updated_at")),
                row.getLong("state_version"));
    }
}
