package place.career.leversync.webhook;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import place.career.events.ApplicationEvent;
import place.career.events.EventJson;
import place.career.events.WebhookReceived;
import place.career.leversync.lever.LeverClient;
import place.career.leversync.lever.LeverOpportunity;
import place.career.leversync.lever.LeverOpportunity.LeverApplication;
import place.career.leversync.work.WorkContext;
import place.career.leversync.work.WorkQueue;
import place.career.leversync.work.WorkHandler;
import place.career.leversync.work.WorkItem;
import place.career.leversync.work.WorkKind;
import place.career.leversync.work.WorkResult;

/**
 * Reads the opportunity behind an applicationCreated webhook (one Lever call) and publishes
 * ApplicationEvent CREATED with the posting, name, first e-mail and Lever link. Running it twice
 * publishes the same event id twice, which consumers drop.
 */
@ApplicationScoped
public class ApplicationCreatedHandler implements WorkHandler {

    private final LeverClient lever;
    private final ApplicationEvents events;
    private final WorkQueue queue;

    ApplicationCreatedHandler(LeverClient lever, ApplicationEvents events, WorkQueue queue) {
        this.lever = lever;
        this.events = events;
        this.queue = queue;
    }

    @Override
    public WorkKind kind() {
        return WorkKind.APPLICATION_CREATED;
    }

    @Override
    public Uni<WorkResult> handle(WorkContext context, WorkItem item) {
        WebhookReceived webhook = EventJson.read(item.payload().getBytes(StandardCharsets.UTF_8),
                WebhookReceived.class);
        return lever.getOpportunity(context.session(), webhook.opportunityId(), true)
                // A close that arrived while the installation was not connected skips this item,
                // and then the application must not start a funnel after its close.
                .chain(opportunity -> queue.isPending(item.id()).chain(pending -> {
                    if (!pending) {
                        Log.infof("Application not published: closed in Lever meanwhile installationId=%s"
                                + " opportunityId=%s", webhook.installationId(), webhook.opportunityId());
                        return Uni.createFrom().voidItem();
                    }
                    return events.publish(created(webhook, opportunity)).invoke(() -> Log.infof(
                            "Application read from Lever installationId=%s opportunityId=%s applicationId=%s",
                            webhook.installationId(), webhook.opportunityId(), webhook.applicationId()));
                }))
                .replaceWith(WorkResult.done());
    }

    private static ApplicationEvent created(WebhookReceived webhook, LeverOpportunity opportunity) {
        LeverApplication application = application(webhook.applicationId(), opportunity);
        return new ApplicationEvent(
                ApplicationEvents.eventIdFor(webhook),
                ApplicationEvent.Type.CREATED,
                webhook.installationId(),
                webhook.opportunityId(),
                application == null ? webhook.applicationId() : application.id(),
                application == null ? null : application.postingId(),
                opportunity.name(),
                opportunity.firstEmail(),
                opportunity.showUrl(),
                null,
                Instant.ofEpochMilli(webhook.triggeredAt()));
    }

    /** Returns the application the webhook names, or the opportunity's first one when it names none. */
    private static LeverApplication application(String applicationId, LeverOpportunity opportunity) {
        for (LeverApplication application : opportunity.applications()) {
            if (application.id() != null && application.id().equals(applicationId)) {
                return application;
            }
        }
        return opportunity.applications().isEmpty() ? null : opportunity.applications().get(0);
    }
}
