package place.career.leversync.effect;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
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

    /** What was last applied to a funnel. */
    public record FunnelState(String installationId, String opportunityId, int appliedVersion,
            FunnelStatus appliedStatus) {}

    private final Pool pool;

    EffectLedger(Pool pool) {
        this.pool = pool;
    }

    /** Returns what was last applied to the funnel, or null when nothing was. */
    public Uni<FunnelState> funnelState(String funnelId) {
        return pool.preparedQuery("select installation_id, opportunity_id, applied_version, applied_status"
                        + " from lever_sync.funnel_sync where funnel_id = $1")
                .execute(Tuple.of(funnelId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new FunnelState(row.getString("installation_id"), row.getString("opportunity_id"),
                            row.getInteger("applied_version"), FunnelStatus.valueOf(row.getString("applied_status")));
                });
    }

    /** Returns the recorded effects of one transition. */
    public Uni<Map<EffectKind, Effect>> effects(String funnelId, int version) {
        return pool.preparedQuery("select kind, state, lever_note_id from lever_sync.effect"
                        + " where funnel_id = $1 and version = $2")
                .execute(Tuple.of(funnelId, version))
                .map(rows -> {
                    Map<EffectKind, Effect> effects = new EnumMap<>(EffectKind.class);
                    rows.forEach(row -> effects.put(EffectKind.valueOf(row.getString("kind")),
                            new Effect(EffectState.valueOf(row.getString("state")), row.getString("lever_note_id"))));
                    return effects;
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
        return pool.preparedQuery("insert into lever_sync.funnel_sync (funnel_id, installation_id, opportunity_id,"
                        + " applied_version, applied_status, applied_at) values ($1, $2, $3, $4, $5, $6)"
                        + " on conflict (funnel_id) do update set applied_version = excluded.applied_version,"
                        + " applied_status = excluded.applied_status, applied_at = excluded.applied_at"
                        + " where lever_sync.funnel_sync.applied_version < excluded.applied_version")
                .execute(Tuple.tuple()
                        .addString(funnelId)
                        .addString(installationId)
                        .addString(opportunityId)
                        .addInteger(version)
                        .addString(status.name())
                        .addOffsetDateTime(at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
