package place.career.notifier.outcome;

import static place.career.notifier.db.Timestamps.instant;
import static place.career.notifier.db.Timestamps.utc;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import place.career.events.NotifierOutcome;
import place.career.notifier.invitation.InvitationRepository;
import place.career.notifier.invitation.StoppedFunnel;
import place.career.notifier.timer.ClaimedMail;
import place.career.notifier.timer.TimerRepository;

/**
 * Decisions of the notifier that end a candidate's schedule: opt-out at the deadline, a bounce and
 * an unsubscribe. Each one stops the schedule, cancels pending timers and adds the outcome to the
 * outbox in one transaction, then publishes it.
 */
@ApplicationScoped
public class OutcomeService {

    private static final int OPT_OUT_BATCH = 100;

    private static final String CLAIM_DUE_OPT_OUTS = """
            SELECT id, funnel_id, due_at FROM notifier.timer
            WHERE state = 'PENDING' AND kind = 'OPT_OUT' AND fire_at <= $1
            ORDER BY fire_at, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED""";

    private static final String FINISH_OPT_OUT = """
            UPDATE notifier.timer SET state = $2, finished_at = $3, detail = $4 WHERE id = $1""";

    private final Pool pool;
    private final InvitationRepository invitations;
    private final TimerRepository timers;
    private final OutcomeOutbox outbox;
    private final OutcomeRelay relay;
    private final Clock clock;

    public OutcomeService(
            Pool pool, InvitationRepository invitations, TimerRepository timers, OutcomeOutbox outbox,
            OutcomeRelay relay, Clock clock) {
        this.pool = pool;
        this.invitations = invitations;
        this.timers = timers;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Opts out every candidate whose deadline has passed, one batch per transaction.
     *
     * @return the number of opt-out timers handled
     */
    public Uni<Integer> optOutDue() {
        Instant now = clock.instant();
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM_DUE_OPT_OUTS)
                        .execute(Tuple.of(utc(now), OPT_OUT_BATCH))
                        .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                        .onItem().transformToUniAndConcatenate(row -> optOut(connection, row, now))
                        .collect().asList()
                        .map(handled -> handled.size()))
                .invoke(handled -> {
                    if (handled > 0) {
                        relay.publishSoon();
                    }
                });
    }

    private Uni<Row> optOut(SqlConnection connection, Row timer, Instant now) {
        String funnelId = timer.getString("funnel_id");
        Instant dueAt = instant(timer.getOffsetDateTime("due_at"));
        return stop(connection, funnelId, NotifierOutcome.Type.OPTED_OUT, dueAt, null, now)
                .chain(stopped -> connection.preparedQuery(FINISH_OPT_OUT).execute(Tuple.of(
                        timer.getLong("id"),
                        stopped == null ? "CANCELLED" : "DONE",
                        utc(now),
                        stopped == null ? "schedule already stopped" : "opted out")))
                .invoke(() -> Log.infof("Candidate opted out: funnelId=%s dueAt=%s", funnelId, dueAt))
                .replaceWith(timer);
    }

    /**
     * Records a permanent rejection of the recipient: the mail is BOUNCED, the schedule stops and a
     * BOUNCED outcome is published.
     */
    public Uni<Void> recordBounce(ClaimedMail mail, String messageId, String reply) {
        Instant now = clock.instant();
        return pool.withTransaction(connection -> timers.recordRejected(connection, mail, messageId, reply, now)
                        .chain(() -> stop(connection, mail.funnelId(), NotifierOutcome.Type.BOUNCED, now, reply, now)))
                .invoke(relay::publishSoon)
                .replaceWithVoid();
    }

    /**
     * Honours an unsubscribe link: records it, stops a running schedule and publishes UNSUBSCRIBED.
     * Repeating it changes nothing.
     *
     * @return false when the token is unknown
     */
    public Uni<Boolean> unsubscribe(String token) {
        Instant now = clock.instant();
        return pool.withTransaction(connection -> invitations.unsubscribe(connection, token, now)
                        .call(funnel -> funnel != null && funnel.wasActive()
                                ? stopped(connection, funnel, NotifierOutcome.Type.UNSUBSCRIBED, now, null, now)
                                : Uni.createFrom().voidItem()))
                .call(funnel -> funnel != null && funnel.wasActive()
                        ? relay.publishNow().onFailure().recoverWithNull()
                        : Uni.createFrom().voidItem())
                .invoke(funnel -> {
                    if (funnel != null) {
                        Log.infof("Unsubscribe honoured: funnelId=%s scheduleWasRunning=%s", funnel.funnelId(),
                                funnel.wasActive());
                    }
                })
                .map(funnel -> funnel != null);
    }

    // Stops the schedule if it still runs. Returns null when it had already stopped.
    private Uni<StoppedFunnel> stop(
            SqlConnection connection, String funnelId, NotifierOutcome.Type type, Instant occurredAt, String detail,
            Instant now) {
        return invitations.stopActive(connection, funnelId, type.name(), now)
                .call(funnel -> funnel == null
                        ? Uni.createFrom().voidItem()
                        : stopped(connection, funnel, type, occurredAt, detail, now));
    }

    private Uni<Void> stopped(
            SqlConnection connection, StoppedFunnel funnel, NotifierOutcome.Type type, Instant occurredAt,
            String detail, Instant now) {
        NotifierOutcome outcome = new NotifierOutcome(
                OutcomeOutbox.eventId(type, funnel.funnelId()),
                type,
                funnel.funnelId(),
                funnel.installationId(),
                funnel.opportunityId(),
                occurredAt,
                detail);
        return invitations.cancelTimers(connection, funnel.funnelId(), type.name(), now)
                .chain(() -> outbox.add(connection, outcome));
    }
}
