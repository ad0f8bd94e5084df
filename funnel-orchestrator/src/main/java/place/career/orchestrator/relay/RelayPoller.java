package place.career.orchestrator.relay;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes the relay at a fixed interval, so that transitions no local commit announced are sent too:
 * rows left by another replica that stopped, or rows whose first send failed.
 *
 * <p>Polling starts after application start-up, because Reactive Messaging connects the relay's
 * emitter in an earlier start-up observer and the scheduler may fire before that. It stops at
 * shutdown, before the database pool closes.
 */
@ApplicationScoped
public class RelayPoller {

    private final StatusRelay relay;
    private final AtomicBoolean active = new AtomicBoolean();

    RelayPoller(StatusRelay relay) {
        this.relay = relay;
    }

    void start(@Observes StartupEvent event) {
        active.set(true);
    }

    void stop(@Observes ShutdownEvent event) {
        active.set(false);
    }

    @Scheduled(every = "${orchestrator.relay.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        if (active.get()) {
            relay.wakeUp();
        }
    }
}
