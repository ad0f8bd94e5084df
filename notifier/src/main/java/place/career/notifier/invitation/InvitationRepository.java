package place.career.notifier.invitation;

import static place.career.notifier.db.Timestamps.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import place.career.events.FunnelStatusChanged;
import place.career.notifier.timer.ScheduledTimer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Storage of invitations and their timers in the {@code notifier} schema. */
@ApplicationScoped
public class InvitationRepository {

    private final Pool pool;

    public InvitationRepository(Pool pool) {
        this.pool = pool;
    }

    private static final String INSERT_INVITATION =
            """
            INSERT INTO notifier.invitation (funnel_id, invitation_id, installation_id,
                opportunity_id,
                job_title, candidate_name, candidate_email, unsubscribe_token, invited_at,
                    opt_out_at,
                status_version, funnel_status, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'INVITED', $12)
            ON CONFLICT (funnel_id) DO NOTHING\
            """;

    private static final String INSERT_TIMER =
            """
            INSERT INTO notifier.timer (funnel_id, installation_id, kind, sequence, due_at,
                fire_at, state)
            VALUES ($1, $2, $3, $4, $5, $5, 'PENDING')
            ON CONFLICT (funnel_id, kind, sequence) DO NOTHING\
            """;

    // A funnel first seen after INVITED gets a row without contact data, so a late INVITED is
    // absorbed.
    private static final String RECORD_STOP =
            """
            INSERT INTO notifier.invitation (funnel_id, installation_id, opportunity_id,
                status_version,
                funnel_status, stop_reason, stopped_at, created_at)
            VALUES ($1, $2, $3, $4, $5, $5, $6, $6)
            ON CONFLICT (funnel_id) DO UPDATE SET
                status_version = EXCLUDED.status_version,
                funnel_status = EXCLUDED.funnel_status,
                stop_reason = COALESCE(invitation.stop_reason, EXCLUDED.stop_reason),
                stopped_at = COALESCE(invitation.stopped_at, EXCLUDED.stopped_at)
            WHERE invitation.status_version < EXCLUDED.status_version\
            """;

    private static final String CANCEL_TIMERS =
            """
            UPDATE notifier.timer SET state = 'CANCELLED', finished_at = $2, detail = $3,
                owner = NULL,
                lease_until = NULL
            WHERE funnel_id = $1 AND state IN ('PENDING', 'CLAIMED')\
            """;

    private static final String ERASE_CONTACT =
            """
            UPDATE notifier.invitation SET candidate_name = NULL, candidate_email = NULL,
                erased_at = COALESCE(erased_at, $2)
            WHERE funnel_id = $1\
            """;

    private static final String STOP_ACTIVE =
            """
            UPDATE notifier.invitation SET stop_reason = $2, stopped_at = $3
            WHERE funnel_id = $1 AND stop_reason IS NULL
            RETURNING funnel_id, installation_id, opportunity_id\
            """;

    // Locks the row first so that the returned was_active reflects the state before this update.
    private static final String UNSUBSCRIBE =
            """
            WITH before AS (
                SELECT funnel_id, stop_reason IS NULL AS was_active FROM notifier.invitation
                WHERE unsubscribe_token = $1 FOR UPDATE)
            UPDATE notifier.invitation i
            SET unsubscribed_at = COALESCE(i.unsubscribed_at, $2),
                stop_reason = COALESCE(i.stop_reason, 'UNSUBSCRIBED'),
                stopped_at = COALESCE(i.stopped_at, $2)
            FROM before WHERE i.funnel_id = before.funnel_id
            RETURNING i.funnel_id, i.installation_id, i.opportunity_id, before.was_active\
            """;

    private static final String FIND_BY_TOKEN =
            """
            SELECT funnel_id, unsubscribed_at IS NOT NULL AS unsubscribed FROM notifier.invitation
            WHERE unsubscribe_token = $1\
            """;

    /**
     * Inserts a new invitation with its unsubscribe token. Does nothing when the funnel is already
     * known, whatever its state.
     *
     * @param invitedAt the instant the schedule counts from
     * @return whether a row was inserted
     */
    public Uni<Boolean> insertInvitation(
            SqlConnection connection,
            FunnelStatusChanged status,
            String unsubscribeToken,
            Instant invitedAt,
            Instant optOutAt,
            Instant now) {
        Tuple values =
                Tuple.tuple()
                        .addValue(status.funnelId())
                        .addValue(status.invitationId())
                        .addValue(status.installationId())
                        .addValue(status.opportunityId())
                        .addValue(status.jobTitle())
                        .addValue(status.candidateName())
                        .addValue(status.candidateEmail())
                        .addValue(unsubscribeToken)
                        .addValue(utc(invitedAt))
                        .addValue(utc(optOutAt))
                        .addValue(status.version())
                        .addValue(utc(now));
        return connection
                .preparedQuery(INSERT_INVITATION)
                .execute(values)
                .map(rows -> rows.rowCount() == 1);
    }

    /** Inserts the timers of a new invitation and leaves timers that already exist alone. */
    public Uni<Void> insertTimers(
            SqlConnection connection,
            String funnelId,
            String installationId,
            List<ScheduledTimer> timers) {
        List<Tuple> batch = new ArrayList<>();
        for (ScheduledTimer timer : timers) {
            batch.add(
                    Tuple.of(
                            funnelId,
                            installationId,
                            timer.kind().name(),
                            timer.sequence(),
                            utc(timer.dueAt())));
        }
        return connection.preparedQuery(INSERT_TIMER).executeBatch(batch).replaceWithVoid();
    }

    /**
     * Records that the funnel left INVITED, unless a newer status was already recorded. Creates a
     * row without contact data when the funnel is unknown.
     */
    public Uni<Void> recordStop(SqlConnection connection, FunnelStatusChanged status, Instant now) {
        Tuple values =
                Tuple.of(
                        status.funnelId(),
                        status.installationId(),
                        status.opportunityId(),
                        status.version(),
                        status.status().name(),
                        utc(now));
        return connection.preparedQuery(RECORD_STOP).execute(values).replaceWithVoid();
    }

    /**
     * Cancels every timer of the funnel that has not started sending.
     *
     * @return the number of timers cancelled
     */
    public Uni<Integer> cancelTimers(
            SqlConnection connection, String funnelId, String reason, Instant now) {
        return connection
                .preparedQuery(CANCEL_TIMERS)
                .execute(Tuple.of(funnelId, utc(now), reason))
                .map(rows -> rows.rowCount());
    }

    /**
     * Stops a running schedule for an outcome of the notifier itself.
     *
     * @return the funnel's ids, or null when the schedule had already stopped
     */
    public Uni<StoppedFunnel> stopActive(
            SqlConnection connection, String funnelId, String reason, Instant now) {
        return connection
                .preparedQuery(STOP_ACTIVE)
                .execute(Tuple.of(funnelId, reason, utc(now)))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? null
                                        : StoppedFunnel.from(rows.iterator().next(), true));
    }

    /**
     * Records an unsubscribe by link token and stops the schedule if it still runs.
     *
     * @return the funnel, with whether its schedule was running, or null when the token is unknown
     */
    public Uni<StoppedFunnel> unsubscribe(SqlConnection connection, String token, Instant now) {
        return connection
                .preparedQuery(UNSUBSCRIBE)
                .execute(Tuple.of(token, utc(now)))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? null
                                        : StoppedFunnel.from(
                                                rows.iterator().next(),
                                                rows.iterator().next().getBoolean("was_active")));
    }

    /**
     * Finds an invitation by unsubscribe token.
     *
     * @return whether the candidate already unsubscribed, or null when the token is unknown
     */
    public Uni<Boolean> findUnsubscribed(String token) {
        return pool.preparedQuery(FIND_BY_TOKEN)
                .execute(Tuple.of(token))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? null
                                        : rows.iterator().next().getBoolean("unsubscribed"));
    }

    /** Erases the candidate's name and e-mail address but keeps the ids and the timer history. */
    public Uni<Void> eraseContact(SqlConnection connection, String funnelId, Instant now) {
        return connection
                .preparedQuery(ERASE_CONTACT)
                .execute(Tuple.of(funnelId, utc(now)))
                .replaceWithVoid();
    }
}
