package place.career.leversync.webhook;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import place.career.events.EventJson;
import place.career.events.InvalidEventException;
import place.career.events.Topics;
import place.career.events.WebhookReceived;
import place.career.leversync.installation.InstallationRepository;
import place.career.leversync.work.NewWork;
import place.career.leversync.work.WorkKind;
import place.career.leversync.work.WorkQueue;
import place.career.leversync.work.WorkScheduler;

/**
 * Consumes verified Lever webhooks from lever.webhooks.v1: records that the installation's
 * webhook works and queues what each event needs. A record that is not a valid WebhookReceived
 * goes to lever.webhooks.v1.dlq, while database failures are retried.
 */
@ApplicationScoped
public class WebhookConsumer {

    /** Webhook work runs before funnel transitions that are due at the same time. */
    static final int PRIORITY = 1;
    private static final int MAX_RETRIES = 20;
    /** Lanes leave a close alone this long while the consumer publishes it; afterwards a lane does. */
    private static final Duration CONSUMER_RESERVATION = Duration.ofSeconds(30);

    private final InstallationRepository installations;
    private final WorkQueue queue;
    private final WorkScheduler scheduler;
    private final ApplicationClosedHandler closedHandler;
    private final Clock clock;

    WebhookConsumer(InstallationRepository installations, WorkQueue queue, WorkScheduler scheduler,
            ApplicationClosedHandler closedHandler, Clock clock) {
        this.installations = installations;
        this.queue = queue;
        this.scheduler = scheduler;
        this.closedHandler = closedHandler;
        this.clock = clock;
    }

    @Incoming("lever-webhooks")
    public Uni<Void> consume(byte[] record) {
        WebhookReceived webhook = EventJson.read(record, WebhookReceived.class);
        validate(webhook);
        return Uni.createFrom().deferred(() -> process(webhook))
                .onFailure(error -> !(error instanceof InvalidEventException))
                .invoke(error -> Log.warnf(error, "Processing webhook failed; retrying deliveryId=%s installationId=%s",
                        webhook.deliveryId(), webhook.installationId()))
                .onFailure(error -> !(error instanceof InvalidEventException))
                .retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(MAX_RETRIES);
    }

    private Uni<Void> process(WebhookReceived webhook) {
        var receivedAt = webhook.receivedAt() == null ? clock.instant() : webhook.receivedAt();
        return installations.recordWebhook(webhook.installationId(), receivedAt, webhook.connectionCheck())
                .chain(known -> {
                    if (!known) {
                        Log.warnf("Webhook for an unknown installation ignored deliveryId=%s installationId=%s",
                                webhook.deliveryId(), webhook.installationId());
                        return Uni.createFrom().voidItem();
                    }
                    if (webhook.connectionCheck()) {
                        Log.infof("Lever connection check recorded installationId=%s", webhook.installationId());
                        return Uni.createFrom().voidItem();
                    }
                    return route(webhook);
                });
    }

    private Uni<Void> route(WebhookReceived webhook) {
        switch (webhook.event()) {
            case WebhookReceived.APPLICATION_CREATED:
                return enqueue(webhook, WorkKind.APPLICATION_CREATED);
            case WebhookReceived.CANDIDATE_ARCHIVE_CHANGE:
                if (Boolean.TRUE.equals(webhook.archived())) {
                    return enqueue(webhook, WorkKind.APPLICATION_CLOSED);
                }
                Log.debugf("Unarchive needs no action deliveryId=%s", webhook.deliveryId());
                return Uni.createFrom().voidItem();
            case WebhookReceived.CANDIDATE_HIRED:
                return enqueue(webhook, WorkKind.APPLICATION_CLOSED);
            case WebhookReceived.CANDIDATE_DELETED:
                return queue.eraseOpportunity(webhook.installationId(), webhook.opportunityId())
                        .invoke(skipped -> Log.infof("Candidate deleted in Lever; personal data erased"
                                        + " installationId=%s opportunityId=%s skippedTransitions=%d",
                                webhook.installationId(), webhook.opportunityId(), skipped))
                        .chain(() -> enqueue(webhook, WorkKind.APPLICATION_CLOSED));
            default:
                // candidateStageChange included: our own stage moves come back this way.
                Log.debugf("Webhook needs no action deliveryId=%s event=%s", webhook.deliveryId(), webhook.event());
                return Uni.createFrom().voidItem();
        }
    }

    private Uni<Void> enqueue(WebhookReceived webhook, WorkKind kind) {
        NewWork work = new NewWork(
                webhook.installationId(),
                kind,
                "webhook:" + webhook.installationId() + ":" + webhook.deliveryId(),
                "opportunity:" + webhook.opportunityId(),
                0,
                PRIORITY,
                webhook.opportunityId(),
                null,
                null,
                Topics.LEVER_WEBHOOKS,
                new String(EventJson.write(webhook), StandardCharsets.UTF_8));
        if (kind.callsLever()) {
            return queue.enqueue(work).invoke(id -> {
                if (id == null) {
                    Log.debugf("Webhook already queued deliveryId=%s", webhook.deliveryId());
                } else {
                    scheduler.wake(webhook.installationId());
                }
            }).replaceWithVoid();
        }
        return queue.enqueue(work, CONSUMER_RESERVATION).chain(id -> id == null ? Uni.createFrom().voidItem()
                : publishIfHead(id, webhook.installationId()));
    }

    /**
     * Publishes a close at once when nothing earlier of the opportunity waits, so that closing
     * does not depend on the installation being connected. Otherwise it hands the item to the
     * lane, which publishes it after the earlier work.
     *
     * <p>When the installation is not connected (revoked, or disconnected), the earlier work is
     * parked and no lane runs it. Its creations are skipped instead: they would only start a
     * funnel for an application that is already closed. The close, or a deletion's erasure, then
     * reaches the other services without waiting for a reconnect.
     */
    private Uni<Void> publishIfHead(long id, String installationId) {
        return queue.isHeadOfStream(id).chain(head -> {
            if (head) {
                return publishNow(id);
            }
            return installations.find(installationId).chain(installation -> {
                if (installation != null && installation.isConnected()) {
                    return queue.release(id);
                }
                return queue.skipCreationsBefore(id, "application closed in Lever while the installation was not"
                                + " connected")
                        .invoke(skipped -> Log.infof("Skipped %d unprocessed applications before a close"
                                + " installationId=%s itemId=%d", skipped, installationId, id))
                        .chain(() -> queue.isHeadOfStream(id))
                        .chain(nowHead -> nowHead ? publishNow(id) : queue.release(id));
            });
        });
    }

    private Uni<Void> publishNow(long id) {
        return queue.findPending(id).chain(item -> item == null ? Uni.createFrom().voidItem()
                : closedHandler.publish(item).chain(() -> queue.finish(id, "DONE", null)));
    }

    private static void validate(WebhookReceived webhook) {
        if (blank(webhook.deliveryId()) || blank(webhook.installationId()) || blank(webhook.event())) {
            throw new InvalidEventException("WebhookReceived needs deliveryId, installationId and event");
        }
        if (!webhook.connectionCheck() && blank(webhook.opportunityId())) {
            throw new InvalidEventException("WebhookReceived " + webhook.deliveryId()
                    + " of event " + webhook.event() + " has no opportunityId");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
