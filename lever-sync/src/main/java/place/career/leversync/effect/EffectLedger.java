package place.career.leversync.effect;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import place.career.events.FunnelStatus;

/**
 * The effect ledger: which Lever writes of which transition happened ({@code lever_sync.effect})
 * and the highest fully applied version per funnel ({@code lever_sync.funnel_sync}).
 */
@ApplicationScoped
public class EffectLedger {

    /** Kinds of Lever write of one transition. */
    public enum EffectKind {
        ADD_TAG,
        REMOVE_TAGS,
        NOTE,
        STAGE
    }

    /** States of one effect: STARTED means the call may have reached Lever. */
    public enum EffectState {
        STARTED,
        DONE,
        SKIPPED
    }

    /** A recorded effect; {@code leverNoteId} only for notes. */
    public record Effect(EffectState state, String leverNoteId) {}

    /** The last transition applied to a funnel. */
    public record FunnelState(String funnelId, String installationId, String opportunityId, int appliedVersion,
            FunnelStatus appliedStatus) {}

    private static final String MARK_APPLIED = "insert into lever_sync.funnel_sync (funnel_id, installation_id,"
            + " opportunity_id, applied_version, applied_status, applied_at, checked_at)"
            + " values ($1, $2, $3, $4, $5, $6, $6)"
            + " on conflict (funnel_id) do update set applied_version = excluded.applied_version,"
            + " applied_status = excluded.applied_status, applied_at = excluded.applied_at,"
            + " checked_at = excluded.applied_at"
            + " where lever_sync.funnel_sync.applied_version < excluded.applied_version";
    private static final String FUNNEL_COLUMNS = "funnel_id, installation_id, opportunity_id, applied_version,"
            + " applied_status";

    private final Pool pool;

    EffectLedger(Pool pool) {
        this.pool = pool;
    }

    /** Returns what was last applied to the funnel, or null when nothing was. */
    public Uni<FunnelState> funnelState(String funnelId) {
        return pool.preparedQuery("select " + FUNNEL_COLUMNS + " from lever_sync.funnel_sync where funnel_id = $1")
                .execute(Tuple.of(funnelId))
                .map(rows -> rows.iterator().hasNext() ? mapFunnel(rows.iterator().next()) : null);
    }

    /**
     * Returns the funnel of the installation whose last drift check is oldest and older than
     * {@code interval}, or null. Closed funnels are not checked: their tags no longer matter.
     */
    public Uni<FunnelState> dueForDriftCheck(String installationId, Duration interval) {
        return pool.preparedQuery("select " + FUNNEL_COLUMNS + " from lever_sync.funnel_sync"
                        + " where installation_id = $1 and applied_status <> 'CLOSED'"
                        + " and checked_at < now() - $2 * interval '1 millisecond'"
                        + " order by checked_at limit 1")
                .execute(Tuple.of(installationId, interval.toMillis()))
                .map(rows -> rows.iterator().hasNext() ? mapFunnel(rows.iterator().next()) : null);
    }

    /** Records a drift check of the funnel and, when Lever differed, what differed. */
    public Uni<Void> markChecked(String funnelId, String drift) {
        return pool.preparedQuery("update lever_sync.funnel_sync set checked_at = now(),"
                        + " drift = coalesce($2, drift), drift_at = case when $2::text is null then drift_at else now() end"
                        + " where funnel_id = $1")
                .execute(Tuple.of(funnelId, drift))
                .replaceWithVoid();
    }

    private static FunnelState mapFunnel(Row row) {
        return new FunnelState(row.getString("funnel_id"), row.getString("installation_id"),
                row.getString("opportunity_id"), row.getInteger("applied_version"),
                FunnelStatus.valueOf(row.getString("applied_status")));
    }

    /** Ledger entries of one transition: the funnel's applied state (null if none) and the effects. */
    public record TransitionRecord(FunnelState funnel, Map<EffectKind, Effect> effects) {}

    /** Returns the funnel's applied state and the transition's recorded effects in one query. */
    public Uni<TransitionRecord> transitionRecord(String funnelId, int version) {
        String sql = "select funnel.funnel_id, funnel.installation_id, funnel.opportunity_id, funnel.applied_version,"
                + " funnel.applied_status, effect.kind, effect.state, effect.lever_note_id"
                + " from (select $1::text as funnel_id) wanted"
                + " left join lever_sync.funnel_sync funnel on funnel.funnel_id = wanted.funnel_id"
                + " left join lever_sync.effect effect on effect.funnel_id = wanted.funnel_id and effect.version = $2";
        return pool.preparedQuery(sql).execute(Tuple.of(funnelId, version)).map(rows -> {
            FunnelState funnel = null;
            Map<EffectKind, Effect> effects = new EnumMap<>(EffectKind.class);
            for (Row row : rows) {
                if (funnel == null && row.getString("installation_id") != null) {
                    funnel = mapFunnel(row);
                }
                if (row.getString("kind") != null) {
                    effects.put(EffectKind.valueOf(row.getString("kind")),
                            new Effect(EffectState.valueOf(row.getString("state")), row.getString("lever_note_id")));
                }
            }
            return new TransitionRecord(funnel, effects);
        });
    }

    /** Records an effect's state; a note id once stored is kept. */
    public Uni<Void> record(String funnelId, int version, EffectKind kind, EffectState state, String leverNoteId) {
        return pool.preparedQuery("insert into lever_sync.effect (funnel_id, version, kind, state, lever_note_id)"
                        + " values ($1, $2, $3, $4, $5) on conflict (funnel_id, version, kind) do update"
                        + " set state = excluded.state,"
                        + " lever_note_id = coalesce(excluded.lever_note_id, lever_sync.effect.lever_note_id),"
                        + " updated_at = now()")
                .execute(Tuple.of(funnelId, version, kind.name(), state.name(), leverNoteId))
                .replaceWithVoid();
    }

    /** Removes a STARTED record after a call that certainly did not reach Lever. */
    public Uni<Void> forgetStarted(String funnelId, int version, EffectKind kind) {
        return pool.preparedQuery("delete from lever_sync.effect where funnel_id = $1 and version = $2"
                        + " and kind = $3 and state = 'STARTED'")
                .execute(Tuple.of(funnelId, version, kind.name()))
                .replaceWithVoid();
    }

    /**
     * Records that all effects of a version are in Lever. A lower version never replaces a
     * higher one, so the funnel never moves backwards.
     */
    public Uni<Void> markApplied(String funnelId, String installationId, String opportunityId, int version,
            FunnelStatus status, Instant at) {
        return pool.preparedQuery(MARK_APPLIED)
                .execute(markAppliedParameters(funnelId, installationId, opportunityId, version, status, at))
                .replaceWithVoid();
    }

    /**
     * Marks a version applied and finishes its work item as DONE in one statement, which saves a
     * database round trip per transition.
     */
    public Uni<Void> markAppliedAndFinish(long workItemId, String funnelId, String installationId,
            String opportunityId, int version, FunnelStatus status, Instant at) {
        String sql = "with applied as (" + MARK_APPLIED + ")"
                + " update lever_sync.work_item set state = 'DONE', last_error = null, finished_at = now()"
                + " where id = $7 and state = 'PENDING'";
        return pool.preparedQuery(sql)
                .execute(markAppliedParameters(funnelId, installationId, opportunityId, version, status, at)
                        .addLong(workItemId))
                .replaceWithVoid();
    }

    private static Tuple markAppliedParameters(String funnelId, String installationId, String opportunityId,
            int version, FunnelStatus status, Instant at) {
        return Tuple.tuple()
                .addString(funnelId)
                .addString(installationId)
                .addString(opportunityId)
                .addInteger(version)
                .addString(status.name())
                .addOffsetDateTime(at.atOffset(ZoneOffset.UTC));
    }
}
