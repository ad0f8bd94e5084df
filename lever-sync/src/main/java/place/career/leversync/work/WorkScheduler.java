package place.career.leversync.work;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import place.career.leversync.LeverSyncConfig;
import place.career.leversync.installation.InstallationService.InstallationConnected;
import place.career.leversync.lever.RequestPermits;

/**
 * Runs queued work on the replicas. Each replica renews leases on connected installations and
 * keeps one {@link InstallationLane} per lease. Only the lane of the lease holder calls Lever for
 * an installation, so its rate limit holds across replicas.
 */
@ApplicationScoped
public class WorkScheduler implements InstallationLane.Runner {

    private final String replicaId = UUID.randomUUID().toString();
    private final Map<String, InstallationLane> lanes = new ConcurrentHashMap<>();
    /** Token buckets outlive lanes, so a lane reopened on this replica keeps the spent budget. */
    private final Map<String, RequestBudget> budgets = new ConcurrentHashMap<>();
    private final AtomicBoolean renewing = new AtomicBoolean();
    private final Vertx vertx;
    private final LeaseRepository leases;
    private final WorkQueue queue;
    private final WorkExecutor executor;
    private final Instance<IdleWork> idleWork;
    private final LeverSyncConfig config;
    private final Timer limiterWait;
    private volatile long lastRenewNanos;
    private volatile boolean renewSoon = true;
    private volatile int share = -1;
    private long timerId = -1;

    WorkScheduler(Vertx vertx, LeaseRepository leases, WorkQueue queue, WorkExecutor executor,
            Instance<IdleWork> idleWork, LeverSyncConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.leases = leases;
        this.queue = queue;
        this.executor = executor;
        this.idleWork = idleWork;
        this.config = config;
        this.limiterWait = Timer.builder("leversync.limiter.wait")
                .description("Time Lever calls waited for the installation's rate limiter")
                .register(registry);
        Gauge.builder("leversync.lanes", lanes, Map::size)
                .description("Installations whose Lever calls this replica makes")
                .register(registry);
        Gauge.builder("leversync.lanes.share", this, scheduler -> Math.max(0, scheduler.share))
                .description("Most installations this replica may hold: connected installations per live replica")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        Log.infof("Work scheduler started replicaId=%s pollInterval=%s leaseDuration=%s", replicaId,
                config.work().pollInterval(), config.work().leaseDuration());
        timerId = vertx.setPeriodic(config.work().pollInterval().toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        lanes.values().forEach(InstallationLane::close);
        lanes.clear();
        leases.releaseAll(replicaId).await().atMost(Duration.ofSeconds(5));
        Log.infof("Work scheduler stopped and leases released replicaId=%s", replicaId);
    }

    /** Starts due work of the installation now instead of at the next poll, if this replica runs it. */
    public void wake(String installationId) {
        InstallationLane lane = lanes.get(installationId);
        if (lane != null) {
            lane.pump();
        }
    }

    /**
     * Returns the installation's lane as permits for calls outside the queue, such as an admin's
     * settings screen, or empty when this replica does not run the lane. Such a call waits only
     * for the tokens that items in flight have reserved, because a queued item reserves a token
     * only while it runs.
     */
    public Optional<RequestPermits> lanePermits(String installationId) {
        InstallationLane lane = lanes.get(installationId);
        return lane != null && lane.holdsLease() ? Optional.of(lane) : Optional.empty();
    }

    /** Returns whether this replica runs the installation's lane now, holding its lease. */
    public boolean runsLane(String installationId) {
        InstallationLane lane = lanes.get(installationId);
        return lane != null && lane.holdsLease();
    }

    /** Stops the installation's lane at once, for example after it was revoked. */
    public void stopLane(String installationId) {
        InstallationLane lane = lanes.remove(installationId);
        if (lane != null) {
            lane.close();
        }
    }

    void onConnected(@Observes InstallationConnected event) {
        renewSoon = true;
    }

    private void tick() {
        long now = System.nanoTime();
        if (renewSoon || now - lastRenewNanos >= config.work().leaseRenewInterval().toNanos()) {
            renewLeases();
        }
        // One query finds the lanes with due work, so idle installations cost no query per tick.
        queue.installationsWithDueWork(Set.copyOf(lanes.keySet())).subscribe().with(due -> lanes.forEach((id, lane) -> {
            if (due.contains(id)) {
                lane.pump();
            } else {
                lane.startIdleWork();
            }
        }), failure -> Log.warnf(failure, "Looking for due work failed replicaId=%s", replicaId));
    }

    private void renewLeases() {
        if (!renewing.compareAndSet(false, true)) {
            return;
        }
        renewSoon = false;
        long sentAt = System.nanoTime();
        leases.claim(replicaId, config.work().leaseDuration(), config.work().leaseSafetyMargin())
                .subscribe().with(claim -> {
            if (claim.share() != share || claim.handedOver() > 0) {
                Log.infof("Lease share replicaId=%s share=%d leases=%d handedOver=%d", replicaId, claim.share(),
                        claim.leases().size(), claim.handedOver());
            }
            share = claim.share();
            applyLeases(claim.leases(), sentAt);
            renewing.set(false);
        }, failure -> {
            Log.warnf(failure, "Renewing installation leases failed replicaId=%s; lanes stop when leases lapse",
                    replicaId);
            renewing.set(false);
        });
    }

    private void applyLeases(List<LeaseRepository.Lease> held, long sentAt) {
        // The database set the expiry after sentAt, so this deadline ends before the lease does.
        long deadline = sentAt + config.work().leaseDuration().toNanos() - config.work().leaseSafetyMargin().toNanos();
        Set<String> heldIds = new HashSet<>();
        for (LeaseRepository.Lease lease : held) {
            heldIds.add(lease.installationId());
            // A lane closed after a revocation is replaced once the installation is connected again.
            InstallationLane lane = lanes.compute(lease.installationId(),
                    (id, current) -> current == null || current.isClosed() ? newLane(lease) : current);
            lane.extendLease(deadline);
        }
        lanes.keySet().removeIf(id -> {
            if (heldIds.contains(id)) {
                return false;
            }
            lanes.get(id).close();
            Log.infof("Lane closed: lease not renewed installationId=%s", id);
            return true;
        });
        lastRenewNanos = sentAt;
    }

    private InstallationLane newLane(LeaseRepository.Lease lease) {
        RequestBudget budget = lease.fresh() || !budgets.containsKey(lease.installationId())
                ? newBudget(lease)
                : budgets.get(lease.installationId());
        budgets.put(lease.installationId(), budget);
        return new InstallationLane(lease.installationId(), budget, config.work().maxInFlightPerInstallation(),
                System::nanoTime, this, limiterWait);
    }

    /**
     * Creates the token bucket of a lease. A lease that no replica held before starts full. A
     * lease taken over from another replica starts with the tokens that refilled since that
     * replica's lease expired, and a lease this replica held without a bucket starts empty.
     */
    private RequestBudget newBudget(LeaseRepository.Lease lease) {
        LeverSyncConfig.RateLimit limit = config.rateLimit();
        double capacity = Math.max(1, limit.burst() - limit.headroom());
        double initialTokens = 0;
        if (lease.fresh()) {
            initialTokens = lease.idleSeconds() == null ? capacity
                    : Math.min(capacity, lease.idleSeconds() * limit.requestsPerSecond());
        }
        Log.infof("Lane opened installationId=%s initialTokens=%.1f", lease.installationId(), initialTokens);
        return new RequestBudget(limit.requestsPerSecond(), capacity, initialTokens, System::nanoTime);
    }

    @Override
    public Uni<List<WorkItem>> claimable(String installationId, Set<String> busyStreams, int limit) {
        return queue.claimable(installationId, busyStreams, limit);
    }

    @Override
    public Uni<Void> run(InstallationLane lane, WorkItem item) {
        return executor.run(lane, item);
    }

    @Override
    public Uni<Void> runIdle(InstallationLane lane) {
        if (idleWork.isUnsatisfied()) {
            return Uni.createFrom().voidItem();
        }
        return idleWork.get().runIdle(lane);
    }
}
