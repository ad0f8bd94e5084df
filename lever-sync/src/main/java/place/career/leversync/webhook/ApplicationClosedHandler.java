package place.career.leversync.webhook;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import place.career.events.ApplicationEvent;
import place.career.events.ApplicationEvent.CloseReason;
import place.career.events.EventJson;
import place.career.events.WebhookReceived;
import place.career.leversync.work.WorkContext;
import place.career.leversync.work.WorkHandler;
import place.career.leversync.work.WorkItem;
import place.career.leversync.work.WorkKind;
import place.career.leversync.work.WorkResult;

/**
 * Publishes ApplicationEvent CLOSED (archived, hired) or ERASED (deleted) for a webhook. It makes
 * no Lever call and is queued only so that it follows earlier work of the same opportunity.
 */
@ApplicationScoped
public class ApplicationClosedHandler implements WorkHandler {

    private final ApplicationEvents events;

    ApplicationClosedHandler(ApplicationEvents events) {
        this.events = events;
    }

    @Override
    public WorkKind kind() {
        return WorkKind.APPLICATION_CLOSED;
    }

    @Override
    public Uni<WorkResult> handle(WorkContext context, WorkItem item) {
        return publish(item).replaceWith(WorkResult.done());
    }

    /** Publishes the event of a queued APPLICATION_CLOSED item; usable without a lane. */
    public Uni<Void> publish(WorkItem item) {
        WebhookReceived webhook = EventJson.read(item.payload().getBytes(StandardCharsets.UTF_8),
                WebhookReceived.class);
        CloseReason reason = closeReason(webhook);
        ApplicationEvent event = new ApplicationEvent(
                ApplicationEvents.eventIdFor(webhook),
                reason == CloseReason.DELETED ? ApplicationEvent.Type.ERASED : ApplicationEvent.Type.CLOSED,
                webhook.installationId(),
                webhook.opportunityId(),
                webhook.applicationId(),
                null,
                null,
                null,
                null,
                reason,
                Instant.ofEpochMilli(webhook.triggeredAt()));
        return events.publish(event).invoke(() -> Log.infof(
                "Application closed in Lever installationId=%s opportunityId=%s reason=%s",
                webhook.installationId(), webhook.opportunityId(), reason));
    }

    /** Returns the close reason of a webhook this handler accepts. */
    static CloseReason closeReason(WebhookReceived webhook) {
        return switch (webhook.event()) {
            case WebhookReceived.CANDIDATE_HIRED -> CloseReason.HIRED;
            case WebhookReceived.CANDIDATE_DELETED -> CloseReason.DELETED;
            case WebhookReceived.CANDIDATE_ARCHIVE_CHANGE -> CloseReason.ARCHIVED;
            default -> throw new IllegalArgumentException("Webhook event " + webhook.event()
                    + " does not close an application");
        };
    }
}
