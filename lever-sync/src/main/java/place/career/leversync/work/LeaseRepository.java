package place.career.leversync.work;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Leases in {@code lever_sync.installation_lease}: which replica may call Lever for an installation. */
@ApplicationScoped
public class LeaseRepository {

    private final Pool pool;

    LeaseRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Renews this replica's leases and takes expired or missing ones, for connected installations
     * only. Returns one entry per lease now held.
     */
    public Uni<List<Lease>> claim(String owner, Duration duration) {
        String sql = "with claimed as ("
                + " insert into lever_sync.installation_lease as lease"
                + " (installation_id, owner, expires_at, acquired_at)"
                + " select id, $1, now() + $2 * interval '1 millisecond', now() from lever_sync.installation"
                + " where status = 'CONNECTED'"
                + " on conflict (installation_id) do update set owner = excluded.owner,"
                + " expires_at = excluded.expires_at,"
                + " acquired_at = case when lease.owner = excluded.owner then lease.acquired_at"
                + " else excluded.acquired_at end,"
                + " previous_expires_at = case when lease.owner = excluded.owner then lease.previous_expires_at"
                + " else lease.expires_at end"
                + " where lease.owner = excluded.owner or lease.expires_at < now()"
                + " returning installation_id, acquired_at, previous_expires_at)"
                + " select installation_id, acquired_at = now() as fresh,"
                + " extract(epoch from now() - previous_expires_at)::float8 as idle_seconds from claimed";
        return pool.preparedQuery(sql).execute(Tuple.of(owner, duration.toMillis())).map(rows -> {
            List<Lease> leases = new ArrayList<>();
            rows.forEach(row -> leases.add(new Lease(row.getString("installation_id"), row.getBoolean("fresh"),
                    row.getDouble("idle_seconds"))));
            return leases;
        });
    }

    /** Ends all leases of this replica now, so other replicas can take them at once. */
    public Uni<Void> releaseAll(String owner) {
        return pool.preparedQuery("update lever_sync.installation_lease set expires_at = now() where owner = $1")
                .execute(Tuple.of(owner))
                .replaceWithVoid();
    }

    /**
     * A lease held by this replica.
     *
     * @param fresh whether it was taken just now rather than renewed
     * @param idleSeconds for a fresh lease, seconds since the previous holder's lease expired, or
     *     null when no replica held it before
     */
    public record Lease(String installationId, boolean fresh, Double idleSeconds) {}
}
