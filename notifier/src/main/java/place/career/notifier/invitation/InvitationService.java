package place.career.notifier.invitation;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import place.career.events.FunnelStatus;
import place.career.events.FunnelStatusChanged;
import place.career.notifier.timer.MailWakeUp;
import place.career.notifier.timer.ReminderSchedule;

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
    private final SecureRandom random = new SecureRandom();

    public InvitationService(
            Pool pool, InvitationRepository invitations, ReminderSchedule schedule, MailWakeUp wakeUp, Clock clock) {
        this.pool = pool;
        this.invitations = invitations;
        this.schedule = schedule;
        this.wakeUp = wakeUp;
        this.clock = clock;
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
        Instant optOutAt = schedule.optOutAt(status.occurredAt());
        return pool.withTransaction(connection -> invitations
                        .insertInvitation(connection, status, newToken(), optOutAt, now)
                        .call(inserted -> inserted
                                ? invitations.insertTimers(connection, status.funnelId(), status.installationId(),
                                        schedule.timersFor(status.occurredAt()))
                                : Uni.createFrom().voidItem()))
                .invoke(inserted -> logInvitation(status, inserted))
                .replaceWithVoid();
    }

    private void logInvitation(FunnelStatusChanged status, boolean inserted) {
        if (inserted) {
            Log.infof("Invitation scheduled: funnelId=%s eventId=%s", status.funnelId(), status.eventId());
            wakeUp.signal();
        } else {
            Log.debugf("Invitation already known, nothing scheduled: funnelId=%s eventId=%s",
                    status.funnelId(), status.eventId());
        }
    }

    private Uni<Void> stop(FunnelStatusChanged status) {
        Instant now = clock.instant();
        boolean erase = status.status() == FunnelStatus.CLOSED && DELETED_REASON.equalsIgnoreCase(status.reason());
        return pool.withTransaction(connection -> invitations.recordStop(connection, status, now)
                        .chain(() -> invitations.cancelTimers(connection, status.funnelId(), status.status().name(), now))
                        .call(cancelled -> erase
                                ? invitations.eraseContact(connection, status.funnelId(), now)
                                : Uni.createFrom().voidItem()))
                .invoke(cancelled -> Log.infof(
                        "Schedule stopped: funnelId=%s status=%s cancelledTimers=%d erased=%s eventId=%s",
                        status.funnelId(), status.status(), cancelled, erase, status.eventId()))
                .replaceWithVoid();
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
