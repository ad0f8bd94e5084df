package place.career.notifier.outcome;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes outbox rows right after the transaction that wrote them, and again on a fixed interval
 * for rows whose first attempt failed, for example while the broker was down.
 */
@ApplicationScoped
public class OutcomeRelay {

    private final OutcomeOutbox outbox;

    public OutcomeRelay(OutcomeOutbox outbox) {
        this.outbox = outbox;
    }

    /** Starts a relay pass in the background. Failures are logged and left to the next pass. */
    public void publishSoon() {
        relayOnce().subscribe().with(ignored -> {}, failure -> {});
    }

    /** Publishes one batch now and completes when it is published or has failed. */
    public Uni<Integer> publishNow() {
        return relayOnce();
    }

    @Scheduled(
            every = "${notifier.outbox.relay-interval}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> relayPeriodically() {
        return relayOnce().onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Integer> relayOnce() {
        return outbox.relay()
                .invoke(
                        published -> {
                            if (published > 0) {
                                Log.debugf("Outcomes published: count=%d", published);
                            }
                        })
                .onFailure()
                .invoke(
                        failure ->
                                Log.warnf(
                                        failure,
                                        "Publishing outcomes failed, retrying on the next pass"));
    }
}
