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

import place.career.events.NotifierOutcome;
import place.career.notifier.invitation.InvitationRepository;
import place.career.notifier.invitation.StoppedFunnel;
import place.career.notifier.timer.ClaimedMail;
import place.career.notifier.timer.TimerRepository;

import java.time.Clock;
import java.time.Instant;

/**
 * Decisions of the notifier that end a candidate's schedule: opt-out at the deadline, a bounce and
 * an unsubscribe. Each one stops the schedule, cancels pending timers and adds the outcome to the
 * outbox in one transaction, then publishes it.
 */
@ApplicationScoped
public class OutcomeService {

    private static final int OPT_OUT_BATCH = 100;

    private static final String CLAIM_DUE_OPT_OUTS =
            """
            SELECT id, funnel_id, due_at FROM notifier.timer
            WHERE state = 'PENDING' AND kind = 'OPT_OUT' AND fire_at <= $1
            ORDER BY fire_at, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED\
            """;

    private static final String FINISH_OPT_OUT =
            """
            UPDATE notifier.timer SET state = $2, finished_at = $3, detail = $4 WHERE id = $1\
            """;

    private final Pool pool;
    private final InvitationRepository invitations;
    private final TimerRepository timers;
    private final OutcomeOutbox outbox;
    private final OutcomeRelay relay;
    private final Clock clock;

    public OutcomeService(
            Pool pool,
            InvitationRepository invitations,
            TimerRepository timers,
            OutcomeOutbox outbox,
            OutcomeRelay relay,
            Clock clock) {
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
        return pool.withTransaction(connection -> optOutBatch(connection, now))
                .invoke(
                        handled -> {
                            if (handled > 0) {
                                relay.publishSoon();
                            }
                        });
    }

    private Uni<Integer> optOutBatch(SqlConnection connection, Instant now) {
        Multi<Row> due =
                connection
                        .preparedQuery(CLAIM_DUE_OPT_OUTS)
                        .execute(Tuple.of(utc(now), OPT_OUT_BATCH))
                        .onItem()
                        .transformToMulti(rows -> Multi.createFrom().iterable(rows));
        return due.onItem()
                .transformToUniAndConcatenate(timer -> optOut(connection, timer, now))
                .collect()
                .asList()
                .map(handled -> handled.size());
    }

    private Uni<Row> optOut(SqlConnection connection, Row timer, Instant now) {
        String funnelId = timer.getString("funnel_id");
        Instant dueAt = instant(timer.getOffsetDateTime("due_at"));
        Outcome outcome = new Outcome(NotifierOutcome.Type.OPTED_OUT, dueAt, null);
        return stop(connection, funnelId, outcome, now)
                .chain(stopped -> finishOptOut(connection, timer, stopped != null, now))
                .invoke(
                        () ->
                                Log.infof(
                                        "Candidate opted out: funnelId=%s dueAt=%s",
                                        funnelId, dueAt))
                .replaceWith(timer);
    }

    private Uni<Void> finishOptOut(
            SqlConnection connection, Row timer, boolean optedOut, Instant now) {
        String state = optedOut ? "DONE" : "CANCELLED";
        String detail = optedOut ? "opted out" : "schedule already stopped";
        Tuple finish = Tuple.of(timer.getLong("id"), state, utc(now), detail);
        return connection.preparedQuery(FINISH_OPT_OUT).execute(finish).replaceWithVoid();
    }

    /**
     * Records a permanent rejection of the recipient: the mail is BOUNCED, the schedule stops and a
     * BOUNCED outcome is published.
     */
    public Uni<Void> recordBounce(ClaimedMail mail, String messageId, String reply) {
        Instant now = clock.instant();
        Outcome outcome = new Outcome(NotifierOutcome.Type.BOUNCED, now, reply);
        return pool.withTransaction(
                        connection ->
                                timers.recordRejected(connection, mail, messageId, reply, now)
                                        .chain(
                                                () ->
                                                        stop(
                                                                connection,
                                                                mail.funnelId(),
                                                                outcome,
                                                                now)))
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
        return pool.withTransaction(connection -> unsubscribe(connection, token, now))
                .call(this::publishIfStopped)
                .invoke(OutcomeService::logUnsubscribe)
                .map(funnel -> funnel != null);
    }

    private Uni<StoppedFunnel> unsubscribe(SqlConnection connection, String token, Instant now) {
        Outcome outcome = new Outcome(NotifierOutcome.Type.UNSUBSCRIBED, now, null);
        return invitations
                .unsubscribe(connection, token, now)
                .call(
                        funnel -> {
                            if (funnel == null || !funnel.wasActive()) {
                                return Uni.createFrom().voidItem();
                            }
                            return stopped(connection, funnel, outcome, now);
                        });
    }

    // Publishes right away so that Lever learns of the unsubscribe within the request. A failure
    // is left to the relay, because the unsubscribe itself is already committed.
    private Uni<?> publishIfStopped(StoppedFunnel funnel) {
        if (funnel == null || !funnel.wasActive()) {
            return Uni.createFrom().voidItem();
        }
        return relay.publishNow().onFailure().recoverWithNull();
    }

    private static void logUnsubscribe(StoppedFunnel funnel) {
        if (funnel != null) {
            Log.infof(
                    "Unsubscribe honoured: funnelId=%s scheduleWasRunning=%s",
                    funnel.funnelId(), funnel.wasActive());
        }
    }

    // Stops the schedule if it still runs. Returns null when it had already stopped.
    private Uni<StoppedFunnel> stop(
            SqlConnection connection, String funnelId, Outcome outcome, Instant now) {
        return invitations
                .stopActive(connection, funnelId, outcome.type().name(), now)
                .call(
                        funnel -> {
                            if (funnel == null) {
                                return Uni.createFrom().voidItem();
                            }
                            return stopped(connection, funnel, outcome, now);
                        });
    }

    private Uni<Void> stopped(
            SqlConnection connection, StoppedFunnel funnel, Outcome outcome, Instant now) {
        NotifierOutcome event =
                new NotifierOutcome(
                        OutcomeOutbox.eventId(outcome.type(), funnel.funnelId()),
                        outcome.type(),
                        funnel.funnelId(),
                        funnel.installationId(),
                        funnel.opportunityId(),
                        outcome.occurredAt(),
                        outcome.detail());
        return invitations
                .cancelTimers(connection, funnel.funnelId(), outcome.type().name(), now)
                .chain(() -> outbox.add(connection, event));
    }

    /**
     * An outcome before it is tied to a funnel.
     *
     * @param type what happened
     * @param occurredAt when the notifier decided it
     * @param detail a short reason without personal data, or null
     */
    private record Outcome(NotifierOutcome.Type type, Instant occurredAt, String detail) {}
}
