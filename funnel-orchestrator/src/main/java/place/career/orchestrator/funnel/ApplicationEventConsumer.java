package place.career.orchestrator.funnel;

import static place.career.orchestrator.funnel.RecordProcessor.require;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import place.career.events.ApplicationEvent;
import place.career.events.Topics;

/** Consumes lever.applications.v1: new applications start funnels, and closed or erased ones end them. */
@ApplicationScoped
public class ApplicationEventConsumer {

    /** Incoming channel bound to lever.applications.v1. */
    static final String CHANNEL = "applications";

    private final RecordProcessor processor;
    private final FunnelStarter starter;
    private final FunnelService service;

    ApplicationEventConsumer(RecordProcessor processor, FunnelStarter starter, FunnelService service) {
        this.processor = processor;
        this.starter = starter;
        this.service = service;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, () -> handle(RecordProcessor.parse(record, ApplicationEvent.class)));
    }

    private Uni<Void> handle(ApplicationEvent event) {
        require(event.eventId(), "eventId");
        require(event.type(), "type");
        require(event.installationId(), "installationId");
        require(event.opportunityId(), "opportunityId");
        SourceEvent source = new SourceEvent(
                Topics.LEVER_APPLICATIONS, event.eventId(), event.type().name(), event.occurredAt());

        return switch (event.type()) {
            case CREATED -> {
                require(event.postingId(), "postingId");
                yield starter.start(source, event);
            }
            case CLOSED -> service.applyToOpportunity(
                    source, event.installationId(), event.opportunityId(), closeSignal(event));
            case ERASED -> service.applyToOpportunity(
                    source, event.installationId(), event.opportunityId(), FunnelSignal.ERASED);
        };
    }

    private static FunnelSignal closeSignal(ApplicationEvent event) {
        ApplicationEvent.CloseReason reason = require(event.closeReason(), "closeReason");
        return switch (reason) {
            case ARCHIVED -> FunnelSignal.ARCHIVED;
            case HIRED -> FunnelSignal.HIRED;
            case DELETED -> FunnelSignal.DELETED;
        };
    }
}
