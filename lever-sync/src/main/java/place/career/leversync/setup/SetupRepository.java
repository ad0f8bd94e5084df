package place.career.leversync.setup;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import place.career.leversync.audit.AuditEntry;
import place.career.leversync.audit.AuditLog;
import place.career.leversync.installation.Installation;

/**
 * The settings that admins change on an installation. Each change and its audit entry are
 * written in one transaction.
 */
@ApplicationScoped
public class SetupRepository {

    private final Pool pool;
    private final AuditLog auditLog;

    SetupRepository(Pool pool, AuditLog auditLog) {
        this.pool = pool;
        this.auditLog = auditLog;
    }

    /** Returns the connection facts that {@link Installation} leaves out, and the pending work. */
    public Uni<StatusDetails> details(String installationId) {
        String sql = "select connected_at, connected_by, disconnected_at, last_error_at, granted_scopes,"
                + " (select count(*) from lever_sync.work_item where installation_id = $1 and state = 'PENDING')"
                + " as pending from lever_sync.installation where id = $1";
        return pool.preparedQuery(sql).execute(Tuple.of(installationId)).map(rows -> {
            Row row = rows.iterator().next();
            return new StatusDetails(instant(row.getOffsetDateTime("connected_at")), row.getString("connected_by"),
                    instant(row.getOffsetDateTime("disconnected_at")),
                    instant(row.getOffsetDateTime("last_error_at")), row.getString("granted_scopes"),
                    row.getLong("pending"));
        });
    }

    /** Sets the stage that qualified candidates move to. */
    public Uni<Void> setQualifiedStage(Installation installation, String stageId, String actor, Instant at) {
        AuditEntry entry = new AuditEntry(installation.organizationId(), installation.id(), actor,
                AuditEntry.QUALIFIED_STAGE_SET, "stageId=" + stageId + " previous=" + installation.qualifiedStageId(),
                at);
        return pool.withTransaction(sql -> sql
                .preparedQuery("update lever_sync.installation set qualified_stage_id = $2, updated_at = $3"
                        + " where id = $1")
                .execute(Tuple.of(installation.id(), stageId, at.atOffset(ZoneOffset.UTC)))
                .chain(() -> auditLog.append(sql, entry)));
    }

    /**
     * Replaces the webhook signing tokens (already sealed) and raises the state version, so that
     * lever.installations.v1 carries them to webhook-ingress.
     */
    public Uni<Void> setSigningTokens(Installation installation, List<String> sealedTokens, String actor,
            Instant at) {
        AuditEntry entry = new AuditEntry(installation.organizationId(), installation.id(), actor,
                AuditEntry.SIGNING_TOKENS_SET, "count=" + sealedTokens.size() + " previousCount="
                        + installation.signingTokensSealed().size(), at);
        return pool.withTransaction(sql -> sql
                .preparedQuery("update lever_sync.installation set signing_tokens_sealed = $2, updated_at = $3,"
                        + " state_version = state_version + 1 where id = $1")
                .execute(Tuple.of(installation.id(), sealedTokens.toArray(String[]::new),
                        at.atOffset(ZoneOffset.UTC)))
                .chain(() -> auditLog.append(sql, entry)));
    }

    /**
     * Marks the installation DISCONNECTED, deletes its OAuth tokens and skips its pending work.
     * Settings, signing tokens and history stay for a reconnect. Returns the number of skipped
     * work items, or -1 when the installation was DISCONNECTED already and nothing changed.
     */
    public Uni<Long> disconnect(Installation installation, String actor, Instant at) {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        String disconnect = "update lever_sync.installation set status = 'DISCONNECTED', access_token_sealed = null,"
                + " refresh_token_sealed = null, access_token_expires_at = null, disconnected_at = $2,"
                + " updated_at = $2, state_version = state_version + 1 where id = $1 and status <> 'DISCONNECTED'";
        String skip = "update lever_sync.work_item set state = 'SKIPPED', finished_at = $2,"
                + " last_error = 'installation disconnected' where installation_id = $1 and state = 'PENDING'";
        return pool.withTransaction(sql -> sql.preparedQuery(disconnect).execute(Tuple.of(installation.id(), time))
                .chain(changed -> {
                    if (changed.rowCount() == 0) {
                        return Uni.createFrom().item(-1L);
                    }
                    return sql.preparedQuery(skip).execute(Tuple.of(installation.id(), time))
                            .chain(skipped -> auditLog.append(sql, new AuditEntry(installation.organizationId(),
                                            installation.id(), actor, AuditEntry.DISCONNECTED,
                                            "tokens deleted; skippedWorkItems=" + skipped.rowCount(), at))
                                    .replaceWith((long) skipped.rowCount()));
                }));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    /**
     * Facts of an installation beyond {@link Installation}.
     *
     * @param pendingWorkItems queued Lever work; while REVOKED it is parked until a reconnect
     */
    public record StatusDetails(
            Instant connectedAt,
            String connectedBy,
            Instant disconnectedAt,
            Instant lastErrorAt,
            String grantedScopes,
            long pendingWorkItems) {}
}
