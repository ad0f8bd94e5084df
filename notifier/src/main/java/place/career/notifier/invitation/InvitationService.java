package place.career.notifier.invitation;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import jakarta.enterprise.context.ApplicationScoped;

import place.career.events.FunnelStatus;
import place.career.events.FunnelStatusChanged;
import place.career.notifier.config.NotifierConfig;
import place.career.notifier.timer.MailWakeUp;
import place.career.notifier.timer.ReminderSchedule;
import place.career.notifier.timer.ScheduledTimer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Applies funnel transitions: INVITED records the invitation and its schedule, any later status
 * stops the schedule, and a CLOSED status with reason {@code deleted} erases the contact data.
 * Every step is idempotent, so a redelivered or replayed record changes nothing.
 */
@ApplicationScoped
public class InvitationService {

    /** The close reason with which the orchestrator reports a candidate deleted in Lever. */
    static final String DELETED_REASON = "deleted";

    private static final int TOKEN_BYTES = 32;

    private final Pool pool;
    private final InvitationRepository invitations;
    private final ReminderSchedule schedule;
    private final MailWakeUp wakeUp;
    private final Clock clock;
    private final boolean acceleratedClock;
    private final SecureRandom random = new SecureRandom();

    public InvitationService(
            Pool pool,
            InvitationRepository invitations,
            ReminderSchedule schedule,
            MailWakeUp wakeUp,
            Clock clock,
            NotifierConfig config) {
        this.pool = pool;
        this.invitations = invitations;
        this.schedule = schedule;
        this.wakeUp = wakeUp;
        this.clock = clock;
        this.acceleratedClock = config.clock().speed() != 1;
    }

    /**
     * Applies one funnel status record in a single transaction.
     *
     * @throws place.career.events.InvalidEventException when the record misses a required field
     */
    public Uni<Void> apply(FunnelStatusChanged status) {
        StatusValidator.validate(status);
        if (status.status() == FunnelStatus.INVITED) {
            return invite(status);
        }
        return stop(status);
    }

    private Uni<Void> invite(FunnelStatusChanged status) {
        Instant now = clock.instant();
        return pool.withTransaction(connection -> insertWithTimers(connection, status, now))
                .invoke(inserted -> logInvitation(status, inserted))
                .replaceWithVoid();
    }

    // Returns whether the invitation is new; a known one keeps its timers and token.
    private Uni<Boolean> insertWithTimers(
            SqlConnection connection, FunnelStatusChanged status, Instant now) {
        Instant invitedAt = invitedAt(status, now);
        Instant optOutAt = schedule.optOutAt(invitedAt);
        String token = newToken();
        Uni<Boolean> inserted =
                invitations.insertInvitation(connection, status, token, invitedAt, optOutAt, now);
        return inserted.call(
                isNew -> {
                    if (!isNew) {
                        return Uni.createFrom().voidItem();
                    }
                    List<ScheduledTimer> timers = schedule.timersFor(invitedAt);
                    return invitations.insertTimers(
                            connection, status.funnelId(), status.installationId(), timers);
                });
    }

    // The schedule counts from the INVITED transition, so a record processed late (after downtime)
    // catches up instead of shifting every reminder. Other services stamp occurredAt with the
    // real clock, which an accelerated clock has left behind, so there it counts from receipt.
    private Instant invitedAt(FunnelStatusChanged status, Instant now) {
        return acceleratedClock ? now : status.occurredAt();
    }

    private void logInvitation(FunnelStatusChanged status, boolean inserted) {
        if (inserted) {
            Log.infof(
                    "Invitation scheduled: funnelId=%s eventId=%s",
                    status.funnelId(), status.eventId());
            wakeUp.signal();
        } else {
            Log.debugf(
                    "Invitation already known, nothing scheduled: funnelId=%s eventId=%s",
                    status.funnelId(), status.eventId());
        }
    }

    private Uni<Void> stop(FunnelStatusChanged status) {
        Instant now = clock.instant();
        boolean erase =
                status.status() == FunnelStatus.CLOSED
                        && DELETED_REASON.equalsIgnoreCase(status.reason());
        return pool.withTransaction(connection -> stop(connection, status, erase, now))
                .invoke(cancelled -> logStop(status, erase, cancelled))
                .replaceWithVoid();
    }

    // Returns the number of timers cancelled.
    private Uni<Integer> stop(
            SqlConnection connection, FunnelStatusChanged status, boolean erase, Instant now) {
        String funnelId = status.funnelId();
        String reason = status.status().name();
        return invitations
                .recordStop(connection, status, now)
                .chain(() -> invitations.cancelTimers(connection, funnelId, reason, now))
                .call(
                        () ->
                                erase
                                        ? invitations.eraseContact(connection, funnelId, now)
                                        : Uni.createFrom().voidItem());
    }

    private static void logStop(FunnelStatusChanged status, boolean erase, int cancelled) {
        Log.infof(
                "Schedule stopped: funnelId=%s status=%s cancelledTimers=%d erased=%s eventId=%s",
                status.funnelId(), status.status(), cancelled, erase, status.eventId());
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
