package place.career.notifier.invitation;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import place.career.events.EventJson;
import place.career.events.FunnelStatusChanged;
import place.career.events.InvalidEventException;

import java.time.Duration;

/**
 * Consumes {@code funnel.status.v1}. A record that cannot be parsed, misses a field or breaks a
 * database constraint goes to the dead-letter topic. Any other failure, such as the database being
 * down, is retried with backoff and blocks the partition meanwhile, so that the transitions of one
 * candidate stay in order.
 */
@ApplicationScoped
public class FunnelStatusConsumer {

    static final String CHANNEL = "funnel-status";

    // SQLSTATE class 23: integrity constraint violation.
    private static final String INTEGRITY_VIOLATION_CLASS = "23";
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final InvitationService invitations;

    public FunnelStatusConsumer(InvitationService invitations) {
        this.invitations = invitations;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(byte[] payload) {
        FunnelStatusChanged status = EventJson.read(payload, FunnelStatusChanged.class);
        Log.debugf("Funnel status received: %s", status);
        return Uni.createFrom()
                .deferred(() -> invitations.apply(status))
                .onFailure(FunnelStatusConsumer::isIntegrityViolation)
                .transform(failure -> rejected(status, failure))
                .onFailure(FunnelStatusConsumer::isRetryable)
                .invoke(failure -> logRetry(status, failure))
                .onFailure(FunnelStatusConsumer::isRetryable)
                .retry()
                .withBackOff(FIRST_RETRY, MAX_RETRY)
                .indefinitely();
    }

    // A record that breaks a constraint, for example an invitation id that another funnel already
    // uses, fails the same way on every retry, so it goes to the dead-letter topic instead.
    private static boolean isIntegrityViolation(Throwable failure) {
        return failure instanceof PgException pg
                && pg.getSqlState() != null
                && pg.getSqlState().startsWith(INTEGRITY_VIOLATION_CLASS);
    }

    private static InvalidEventException rejected(FunnelStatusChanged status, Throwable failure) {
        String sqlState = ((PgException) failure).getSqlState();
        return new InvalidEventException(
                "FunnelStatusChanged eventId="
                        + status.eventId()
                        + " breaks a database constraint (SQLSTATE "
                        + sqlState
                        + "), for example an invitationId that another funnel uses",
                failure);
    }

    private static boolean isRetryable(Throwable failure) {
        return !(failure instanceof InvalidEventException);
    }

    private static void logRetry(FunnelStatusChanged status, Throwable failure) {
        Log.warnf(
                failure,
                "Applying funnel status failed, retrying: funnelId=%s eventId=%s",
                status.funnelId(),
                status.eventId());
    }
}
