package place.career.ingress.webhook;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import place.career.events.WebhookReceived;
import place.career.ingress.IngressConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stores delivery keys and publishes the new deliveries in groups: one database transaction per
 * group, committed only after the broker acknowledged every record of the group.
 *
 * <p>A group starts as soon as fewer than the configured number of groups are running, so a
 * delivery arriving on an idle service is not delayed. Under load, deliveries that arrive while
 * groups are running wait and form the next, larger group. A key that another running group has
 * inserted makes PostgreSQL wait for that group's outcome. Keys are inserted in sorted order, so
 * that two groups lock shared keys in the same order and do not deadlock. That relies on
 * PostgreSQL inserting the rows of {@code unnest} in array order, which its executor does for this
 * plain statement although SQL does not promise it.
 *
 * <p>When a record of a group cannot be published, the group's transaction rolls back and every
 * delivery of the group fails, including ones whose records the broker did acknowledge. Lever
 * retries them, and the retry publishes those again with the same {@code deliveryId}.
 */
@ApplicationScoped
public class DeliveryBatcher {

    @Inject Pool pool;

    @Inject AcceptedDeliveryRepository deliveries;

    @Inject WebhookPublisher publisher;

    @Inject IngressConfig config;

    @Inject MeterRegistry meters;

    private final Queue<Pending> waiting = new ArrayDeque<>();
    private int runningGroups;
    private DistributionSummary groupSizes;

    @PostConstruct
    void registerMeters() {
        groupSizes =
                DistributionSummary.builder("ingress.dedupe.group.size")
                        .description("Deliveries stored and published in one transaction")
                        .register(meters);
    }

    /**
     * Stores the delivery key and publishes the event unless the key was stored before.
     *
     * @return true when the event was published, false when the key existed. The {@code Uni}
     *     fails with {@link WebhookRejectedException} when the broker or the database is
     *     unavailable, and then nothing of the delivery was stored.
     */
    public Uni<Boolean> publishOnce(WebhookReceived event) {
        Duration deadline = config.dedupe().timeout();
        return Uni.createFrom()
                .<Boolean>emitter(
                        emitter -> {
                            Pending pending = new Pending(event, emitter, new AtomicBoolean());
                            // Before its group starts, a delivery ends only by its deadline.
                            emitter.onTermination(() -> pending.ended().set(true));
                            synchronized (this) {
                                waiting.add(pending);
                            }
                            startGroups();
                        })
                .ifNoItem()
                .after(deadline)
                .failWith(
                        () ->
                                new WebhookRejectedException(
                                        Rejection.DATABASE_UNAVAILABLE,
                                        "The delivery was not stored within "
                                                + deadline.toSeconds()
                                                + " s because the database is slow or"
                                                + " unreachable. Retry later: if the delivery was"
                                                + " stored meanwhile, the retry is acknowledged"
                                                + " as a duplicate."));
    }

    private void startGroups() {
        while (true) {
            List<Pending> group = takeGroup();
            if (group.isEmpty()) {
                return;
            }
            groupSizes.record(group.size());
            Uni.createFrom()
                    .deferred(() -> run(group))
                    .subscribe()
                    .with(ignored -> groupFinished(), failure -> groupFinished());
        }
    }

    private synchronized List<Pending> takeGroup() {
        if (waiting.isEmpty() || runningGroups >= config.dedupe().maxConcurrentGroups()) {
            return List.of();
        }
        List<Pending> group = new ArrayList<>();
        while (!waiting.isEmpty() && group.size() < config.dedupe().maxGroupSize()) {
            Pending pending = waiting.poll();
            // A delivery whose deadline passed while it waited got its 503 already;
            // it is left out, so that it is neither stored nor published.
            if (!pending.ended().get()) {
                group.add(pending);
            }
        }
        if (group.isEmpty()) {
            return List.of();
        }
        runningGroups++;
        return group;
    }

    private void groupFinished() {
        synchronized (this) {
            runningGroups--;
        }
        startGroups();
    }

    private Uni<Void> run(List<Pending> group) {
        List<Pending> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparing(pending -> pending.event().deliveryId()));
        return pool.withTransaction(
                        connection ->
                                deliveries
                                        .insertAllIfAbsent(connection, rows(sorted))
                                        .flatMap(inserted -> publishNew(sorted, inserted)))
                .invoke(
                        published -> {
                            for (int i = 0; i < sorted.size(); i++) {
                                sorted.get(i).emitter().complete(published.get(i));
                            }
                        })
                .onFailure()
                .invoke(
                        failure -> {
                            WebhookRejectedException rejection = asRejection(failure);
                            for (Pending pending : sorted) {
                                pending.emitter().fail(rejection);
                            }
                        })
                .replaceWithVoid();
    }

    /**
     * Publishes the first delivery of each inserted key and returns, per delivery in group order,
     * whether it was published. A key that appears twice in the group is published once.
     */
    private Uni<List<Boolean>> publishNew(List<Pending> sorted, Set<String> inserted) {
        List<Boolean> published = new ArrayList<>(sorted.size());
        List<WebhookReceived> sends = new ArrayList<>();
        for (Pending pending : sorted) {
            boolean isNew = inserted.remove(pending.event().deliveryId());
            published.add(isNew);
            if (isNew) {
                sends.add(pending.event());
            }
        }
        return publisher
                .publishAll(sends)
                .onFailure()
                .transform(
                        failure ->
                                new WebhookRejectedException(
                                        Rejection.BROKER_UNAVAILABLE,
                                        "The event broker did not acknowledge the delivery within "
                                                + config.kafka().produceTimeout().toSeconds()
                                                + " s, so nothing was stored. Retry later.",
                                        failure))
                .replaceWith(published);
    }

    private static WebhookRejectedException asRejection(Throwable failure) {
        if (failure instanceof WebhookRejectedException rejected) {
            return rejected;
        }
        return new WebhookRejectedException(
                Rejection.DATABASE_UNAVAILABLE,
                "The delivery could not be recorded because the database is unavailable, so"
                        + " nothing was published. Retry later.",
                failure);
    }

    private static List<AcceptedDeliveryRepository.Row> rows(List<Pending> sorted) {
        List<AcceptedDeliveryRepository.Row> rows = new ArrayList<>(sorted.size());
        for (Pending pending : sorted) {
            WebhookReceived event = pending.event();
            rows.add(
                    new AcceptedDeliveryRepository.Row(
                            event.deliveryId(),
                            event.installationId(),
                            event.event(),
                            Instant.ofEpochMilli(event.triggeredAt()),
                            event.receivedAt()));
        }
        return rows;
    }

    private record Pending(
            WebhookReceived event, UniEmitter<? super Boolean> emitter, AtomicBoolean ended) {}
}
