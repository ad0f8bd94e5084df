package place.career.ingress.webhook;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import place.career.ingress.IngressConfig;

import java.time.Clock;
import java.time.Instant;

/**
 * Deletes delivery keys that can no longer match a delivery the ingress would accept: a copy of
 * such a delivery is rejected as stale before the key is looked up. Running on several replicas at
 * once is harmless, as each deletes a disjoint or already-deleted set.
 */
@ApplicationScoped
public class DeliveryKeyPurge {

    @Inject AcceptedDeliveryRepository deliveries;

    @Inject IngressConfig config;

    @Inject Clock clock;

    @Scheduled(
            every = "${cpl.ingress.dedupe.purge-interval}",
            delayed = "${cpl.ingress.dedupe.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purgeOnSchedule() {
        return purge(clock.instant())
                .invoke(
                        deleted -> {
                            if (deleted > 0) {
                                Log.infof(
                                        "Purged %d delivery keys older than the maximum delivery"
                                                + " age",
                                        deleted);
                            }
                        })
                .onFailure()
                .invoke(
                        failure ->
                                Log.warnf(
                                        failure,
                                        "Purging delivery keys failed. Retrying at the"
                                                + " next run"))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Deletes, in batches, every key whose delivery was triggered before {@code now} minus the
     * maximum delivery age and clock skew, and returns how many were deleted.
     */
    public Uni<Integer> purge(Instant now) {
        Instant cutoff = now.minus(config.maxDeliveryAge()).minus(config.maxClockSkew());
        return deleteBatches(cutoff, 0);
    }

    private Uni<Integer> deleteBatches(Instant cutoff, int deletedSoFar) {
        int batchSize = config.dedupe().purgeBatchSize();
        return deliveries
                .deleteTriggeredBefore(cutoff, batchSize)
                .flatMap(
                        deleted ->
                                deleted < batchSize
                                        ? Uni.createFrom().item(deletedSoFar + deleted)
                                        : deleteBatches(cutoff, deletedSoFar + deleted));
    }
}
