package place.career.notifier.invitation;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import place.career.events.EventJson;
import place.career.events.FunnelStatusChanged;
import place.career.events.InvalidEventException;

import java.time.Duration;

/**
 * Consumes {@code funnel.status.v1}. A record that cannot be parsed or misses a field goes to the
 * dead-letter topic. A database failure is retried with backoff and blocks the partition meanwhile,
 * so that the transitions of one candidate stay in order.
 */
@ApplicationScoped
public class FunnelStatusConsumer {

    static final String CHANNEL = "funnel-status";

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
                .onFailure(failure -> !(failure instanceof InvalidEventException))
                .invoke(
                        failure ->
                                Log.warnf(
                                        failure,
                                        "Applying funnel status failed, retrying: funnelId=%s"
                                                + " eventId=%s",
                                        status.funnelId(),
                                        status.eventId()))
                .onFailure(failure -> !(failure instanceof InvalidEventException))
                .retry()
                .withBackOff(FIRST_RETRY, MAX_RETRY)
                .indefinitely();
    }
}
