package place.career.leversync.work;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import place.career.events.InvalidEventException;
import place.career.leversync.LeverSyncConfig;
import place.career.leversync.installation.Installation;
import place.career.leversync.installation.InstallationRepository;
import place.career.leversync.installation.InstallationRevokedException;
import place.career.leversync.installation.InstallationService;
import place.career.leversync.lever.LeaseLostException;
import place.career.leversync.lever.LeverCallException;
import place.career.leversync.lever.LeverSession;

/**
 * Runs one work item with its handler and decides what a failure means for it: retry later
 * with backoff, skip, park with the installation, or send to the dead-letter topic.
 */
@ApplicationScoped
public class WorkExecutor {

    private static final long INSTALLATION_CACHE_NANOS = 1_000_000_000L;

    private final Map<WorkKind, WorkHandler> handlers = new EnumMap<>(WorkKind.class);
    private final Map<String, CachedInstallation> installationCache = new ConcurrentHashMap<>();
    private final InstallationRepository installations;
    private final InstallationService installationService;
    private final WorkQueue queue;
    private final DeadLetters deadLetters;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Clock clock;
    private final MeterRegistry registry;

    WorkExecutor(Instance<WorkHandler> handlers, InstallationRepository installations,
            InstallationService installationService, WorkQueue queue, DeadLetters deadLetters,
            LeverSyncConfig config, Clock clock, MeterRegistry registry) {
        handlers.forEach(handler -> this.handlers.put(handler.kind(), handler));
        this.installations = installations;
        this.installationService = installationService;
        this.queue = queue;
        this.deadLetters = deadLetters;
        this.backoff = new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff());
        this.maxAttempts = config.retry().maxAttempts();
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Runs the item on the lane. The returned Uni completes when the outcome is stored. It never
     * fails, because the last step logs and drops any error of storing the outcome.
     */
    public Uni<Void> run(InstallationLane lane, WorkItem item) {
        return installation(item.installationId())
                .chain(installation -> {
                    if (installation == null || !installation.isConnected()) {
                        throw new InstallationRevokedException(item.installationId(), "it is not connected");
                    }
                    LeverSession session = new LeverSession(installation.id(), installation.performAs(), lane);
                    return handler(item).handle(new WorkContext(installation, session), item);
                })
                .chain(result -> finish(item, result))
                .onFailure().recoverWithUni(error -> handleFailure(lane, item, error))
                .onFailure().recoverWithUni(error -> {
                    Log.errorf(error, "Storing the outcome of a work item failed, so it runs again itemId=%d",
                            item.id());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> finish(WorkItem item, WorkResult result) {
        if (result.state() == null) {
            return Uni.createFrom().voidItem();
        }
        if (result.reason() != null) {
            Log.infof("Work item skipped itemId=%d kind=%s stream=%s reason=%s", item.id(), item.kind(), item.stream(),
                    result.reason());
        }
        return queue.finish(item.id(), result.state(), result.reason());
    }

    /**
     * Returns the installation from a cache that reads each row at most once per second, because
     * every item needs it. A status change reaches the lane at the next lease renewal anyway.
     */
    private Uni<Installation> installation(String installationId) {
        CachedInstallation cached = installationCache.get(installationId);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAtNanos() < INSTALLATION_CACHE_NANOS) {
            return Uni.createFrom().item(cached.installation());
        }
        return installations.find(installationId).invoke(installation -> {
            if (installation != null) {
                installationCache.put(installationId, new CachedInstallation(installation, now));
            }
        });
    }

    private record CachedInstallation(Installation installation, long readAtNanos) {}

    private WorkHandler handler(WorkItem item) {
        WorkHandler handler = handlers.get(item.kind());
        if (handler == null) {
            throw new IllegalStateException("No handler for work kind " + item.kind());
        }
        return handler;
    }

    private Uni<Void> handleFailure(InstallationLane lane, WorkItem item, Throwable error) {
        if (error instanceof LeaseLostException) {
            Log.debugf("Work item left for the new lease holder itemId=%d", item.id());
            return Uni.createFrom().voidItem();
        }
        if (error instanceof InstallationRevokedException revoked) {
            lane.close();
            Log.warnf("Work item parked: installation cannot call Lever itemId=%d installationId=%s reason=%s",
                    item.id(), item.installationId(), revoked.getMessage());
            return installationService.revoke(item.installationId(), revoked.getMessage());
        }
        if (error instanceof LeverCallException call && call.isInaccessible()) {
            String reason = "opportunity " + item.opportunityId() + " is not accessible: " + call.getMessage();
            Log.warnf("Work item skipped itemId=%d kind=%s installationId=%s opportunityId=%s status=%d",
                    item.id(), item.kind(), item.installationId(), item.opportunityId(), call.status());
            // Recorded on the item only. One confidential or deleted opportunity is no fault of the
            // connection, so the connection status does not show it as its last error.
            return queue.finish(item.id(), "SKIPPED", reason);
        }
        int attempts = item.attempts() + 1;
        boolean retryable = !(error instanceof InvalidEventException)
                && (!(error instanceof LeverCallException call) || call.isRetryable());
        if (retryable && attempts < maxAttempts) {
            return retryLater(item, attempts, error);
        }
        return deadLetter(item, attempts, error);
    }

    private Uni<Void> retryLater(WorkItem item, int attempts, Throwable error) {
        Duration retryAfter = error instanceof LeverCallException call ? call.retryAfter() : null;
        Duration delay = backoff.delay(attempts, retryAfter);
        Counter.builder("leversync.work.retries")
                .description("Work items rescheduled after a temporary failure")
                .tag("kind", item.kind().name())
                .tag("cause", causeTag(error))
                .register(registry)
                .increment();
        Log.warnf("Work item failed; retrying itemId=%d kind=%s installationId=%s attempt=%d delayMs=%d error=%s",
                item.id(), item.kind(), item.installationId(), attempts, delay.toMillis(), error.getMessage());
        return queue.retryLater(item.id(), attempts, clock.instant().plus(delay), error.getMessage());
    }

    private Uni<Void> deadLetter(WorkItem item, int attempts, Throwable error) {
        Log.errorf("Work item dead-lettered itemId=%d kind=%s installationId=%s attempts=%d topic=%s error=%s",
                item.id(), item.kind(), item.installationId(), attempts, item.originTopic() + ".dlq",
                error.getMessage());
        return deadLetters.send(item, error, attempts)
                .chain(() -> queue.markDead(item.id(), attempts, error.getMessage()))
                .chain(() -> installations.recordError(item.installationId(),
                        "work item " + item.id() + " dead-lettered: " + error.getMessage(), clock.instant()));
    }

    private static String causeTag(Throwable error) {
        if (error instanceof LeverCallException call) {
            return call.status() == 0 ? "transport" : String.valueOf(call.status());
        }
        return error.getClass().getSimpleName();
    }
}
