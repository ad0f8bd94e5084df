package place.career.leversync.work;

import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import place.career.leversync.lever.LeaseLostException;
import place.career.leversync.lever.RequestPermits;

/**
 * The work of one installation on the replica that holds its lease: a token bucket for its Lever
 * requests and up to {@code maxInFlight} streams running at once.
 *
 * <p>Each installation has its own lane and bucket, so a backlog in one spends none of another's
 * requests. Calls are admitted only while the lease is held with a safety margin, so a replica
 * that lost its lease has stopped calling before another replica can take it.
 */
public final class InstallationLane implements RequestPermits {

    /** Services the lane calls; the scheduler implements them. */
    interface Runner {

        /** Returns due items that head their stream, skipping the busy ones. */
        Uni<List<WorkItem>> claimable(String installationId, Set<String> busyStreams, int limit);

        /** Runs one item. The returned Uni must not fail: the runner stores or logs every error. */
        Uni<Void> run(InstallationLane lane, WorkItem item);

        /** Runs low-priority work when the lane has nothing live to do; may do nothing. */
        Uni<Void> runIdle(InstallationLane lane);
    }

    private final String installationId;
    private final RequestBudget budget;
    private final int maxInFlight;
    private final LongSupplier nanoTime;
    private final Runner runner;
    private final Timer limiterWait;
    private final Set<String> busyStreams = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean pumpRequested = new AtomicBoolean();
    private final AtomicBoolean idleWorkRunning = new AtomicBoolean();
    private volatile long leaseDeadlineNanos;
    private volatile long pausedUntilNanos;
    private volatile boolean closed;

    InstallationLane(String installationId, RequestBudget budget, int maxInFlight, LongSupplier nanoTime,
            Runner runner, Timer limiterWait) {
        this.installationId = installationId;
        this.budget = budget;
        this.maxInFlight = maxInFlight;
        this.nanoTime = nanoTime;
        this.runner = runner;
        this.limiterWait = limiterWait;
    }

    public String installationId() {
        return installationId;
    }

    @Override
    public Uni<Void> acquire() {
        if (!holdsLease()) {
            return Uni.createFrom().failure(new LeaseLostException(installationId));
        }
        long waitNanos = Math.max(budget.reserve(), pausedUntilNanos - nanoTime.getAsLong());
        limiterWait.record(Math.max(waitNanos, 0), TimeUnit.NANOSECONDS);
        Uni<Void> admitted = waitNanos <= 0 ? Uni.createFrom().voidItem() : delay(waitNanos);
        return admitted.chain(this::afterWait);
    }

    private Uni<Void> afterWait() {
        long pausedFor = pausedUntilNanos - nanoTime.getAsLong();
        if (pausedFor > 0) {
            // A 429 arrived while this caller waited: wait out the pause it asked for too.
            return delay(pausedFor).chain(this::afterWait);
        }
        if (!holdsLease()) {
            return Uni.createFrom().failure(new LeaseLostException(installationId));
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * Waits at least the given time. The timers behind Mutiny's delay reject delays under one
     * millisecond, so the wait is rounded up to whole milliseconds.
     */
    private static Uni<Void> delay(long nanos) {
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(millis));
    }

    @Override
    public void pause(Duration delay) {
        long until = nanoTime.getAsLong() + delay.toNanos();
        if (until > pausedUntilNanos) {
            pausedUntilNanos = until;
        }
        budget.drainFor(delay.toNanos());
        Log.warnf("Lever rate-limited a call (429); pausing calls installationId=%s pauseMs=%d", installationId,
                delay.toMillis());
    }

    /** Returns the tokens left in the bucket now; low-priority work spends only a surplus. */
    public double availableTokens() {
        return budget.available();
    }

    /**
     * Marks a stream as running for work outside the queue, such as a drift check of a funnel.
     * Returns false when the stream already runs.
     */
    public boolean occupy(String stream) {
        return busyStreams.add(stream);
    }

    /** Ends what {@link #occupy} started. */
    public void release(String stream) {
        busyStreams.remove(stream);
    }

    void extendLease(long deadlineNanos) {
        leaseDeadlineNanos = deadlineNanos;
    }

    boolean isClosed() {
        return closed;
    }

    boolean holdsLease() {
        return !closed && nanoTime.getAsLong() < leaseDeadlineNanos;
    }

    /** Stops admitting calls and claiming work; running items fail at their next call. */
    void close() {
        closed = true;
    }

    /** Claims and starts due items until {@code maxInFlight} streams run. */
    void pump() {
        if (!holdsLease()) {
            return;
        }
        if (!pumping.compareAndSet(false, true)) {
            pumpRequested.set(true);
            return;
        }
        int free = maxInFlight - busyStreams.size();
        if (free <= 0) {
            finishPump();
            return;
        }
        runner.claimable(installationId, Set.copyOf(busyStreams), free).subscribe().with(items -> {
            items.forEach(this::start);
            if (items.isEmpty()) {
                startIdleWork();
            }
            finishPump();
        }, failure -> {
            Log.warnf(failure, "Claiming work failed installationId=%s", installationId);
            finishPump();
        });
    }

    private void start(WorkItem item) {
        if (!busyStreams.add(item.stream())) {
            return;
        }
        runner.run(this, item).subscribe().with(ignored -> finished(item), failure -> finished(item));
    }

    private void finished(WorkItem item) {
        busyStreams.remove(item.stream());
        pump();
    }

    /** Starts low-priority work if no stream runs and none is running already. */
    void startIdleWork() {
        if (!holdsLease() || !busyStreams.isEmpty() || !idleWorkRunning.compareAndSet(false, true)) {
            return;
        }
        runner.runIdle(this).subscribe().with(ignored -> idleWorkRunning.set(false), failure -> {
            idleWorkRunning.set(false);
            Log.warnf(failure, "Low-priority work failed installationId=%s", installationId);
        });
    }

    private void finishPump() {
        pumping.set(false);
        if (pumpRequested.getAndSet(false)) {
            pump();
        }
    }
}
