package place.career.leversync.work;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Leases in {@code lever_sync.installation_lease}: which replica may call Lever for an installation. */
@ApplicationScoped
public class LeaseRepository {

    /**
     * Records that the replica is alive, then counts the live replicas and the connected
     * installations. The count adds one for this replica, because a data change in a WITH clause
     * is not visible to the rest of its statement. Rows of replicas gone for an hour are deleted.
     */
    private static final String HEARTBEAT = "with beat as ("
            + " insert into lever_sync.replica (id, seen_at) values ($1, now())"
            + " on conflict (id) do update set seen_at = excluded.seen_at),"
            + " gone as (delete from lever_sync.replica where seen_at < now() - interval '1 hour' and id <> $1)"
            + " select (select count(*) from lever_sync.replica where id <> $1"
            + " and seen_at > now() - $2 * interval '1 millisecond') + 1 as replicas,"
            + " (select count(*) from lever_sync.installation where status = 'CONNECTED') as connected";

    /**
     * Renews up to {@code $3} leases: this replica's live ones first, oldest first so that the
     * same ones are kept every time, then free ones. A lease another replica renewed meanwhile is
     * left alone by the {@code where} of the conflict clause.
     */
    private static final String RENEW_AND_TAKE = "with candidate as ("
            + " select installation.id from lever_sync.installation"
            + " left join lever_sync.installation_lease lease on lease.installation_id = installation.id"
            + " where installation.status = 'CONNECTED'"
            + " and (lease.installation_id is null or lease.owner = $1 or lease.expires_at < now())"
            + " order by case when lease.owner = $1 and lease.expires_at >= now() then 0 else 1 end,"
            + " lease.acquired_at, installation.id limit $3),"
            + " claimed as ("
            + " insert into lever_sync.installation_lease as lease"
            + " (installation_id, owner, expires_at, acquired_at)"
            + " select id, $1, now() + $2 * interval '1 millisecond', now() from candidate"
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

    /** Shortens this replica's live leases that were not renewed to end after {@code $3} ms. */
    private static final String HAND_OVER = "update lever_sync.installation_lease"
            + " set expires_at = now() + $3 * interval '1 millisecond'"
            + " where owner = $1 and installation_id <> all($2)"
            + " and expires_at > now() + $3 * interval '1 millisecond'";

    private final Pool pool;

    LeaseRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Renews this replica's leases and takes expired or missing ones, for connected installations
     * only, up to this replica's share: the connected installations divided by the replicas seen
     * within one lease duration, rounded up. Leases above the share, for example after another
     * replica started, are not renewed and end after {@code handover}, so their holder has
     * stopped calling Lever before another replica takes them. Returns one entry per lease now
     * held, in one transaction.
     */
    public Uni<Claim> claim(String owner, Duration duration, Duration handover) {
        return pool.withTransaction(connection -> connection.preparedQuery(HEARTBEAT)
                .execute(Tuple.of(owner, duration.toMillis()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return share(row.getLong("connected"), row.getLong("replicas"));
                })
                .chain(share -> connection.preparedQuery(RENEW_AND_TAKE)
                        .execute(Tuple.of(owner, duration.toMillis(), share))
                        .map(rows -> {
                            List<Lease> leases = new ArrayList<>();
                            rows.forEach(row -> leases.add(new Lease(row.getString("installation_id"),
                                    row.getBoolean("fresh"), row.getDouble("idle_seconds"))));
                            return leases;
                        })
                        .chain(leases -> connection.preparedQuery(HAND_OVER)
                                .execute(Tuple.of(owner, leases.stream().map(Lease::installationId)
                                        .toArray(String[]::new), handover.toMillis()))
                                .map(handedOver -> new Claim(leases, share, handedOver.rowCount())))));
    }

    /** Returns the share of one replica among {@code replicas}: at least one while any installation is connected. */
    static int share(long connected, long replicas) {
        return (int) ((connected + replicas - 1) / Math.max(1, replicas));
    }

    /**
     * Ends all leases of this replica now and removes it from the live replicas, so other replicas
     * take its installations at once.
     */
    public Uni<Void> releaseAll(String owner) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("update lever_sync.installation_lease set expires_at = now() where owner = $1")
                .execute(Tuple.of(owner))
                .chain(() -> connection.preparedQuery("delete from lever_sync.replica where id = $1")
                        .execute(Tuple.of(owner)))
                .replaceWithVoid());
    }

    /**
     * A lease held by this replica.
     *
     * @param fresh whether it was taken just now rather than renewed
     * @param idleSeconds for a fresh lease, seconds since the previous holder's lease expired, or
     *     null when no replica held it before
     */
    public record Lease(String installationId, boolean fresh, Double idleSeconds) {}

    /**
     * The outcome of one {@link #claim}.
     *
     * @param leases the leases this replica holds now
     * @param share the most leases this replica may hold
     * @param handedOver leases of this replica above its share that now end soon
     */
    public record Claim(List<Lease> leases, int share, int handedOver) {}
}
