package place.career.orchestrator.funnel;

import static place.career.orchestrator.funnel.RecordProcessor.require;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import place.career.events.FunnelEvent;
import place.career.events.Topics;

/**
 * Consumes careerplace.funnel-events.v1, the candidate's progress as career.place reports it.
 * A record for an unknown invitation id goes to the dead-letter topic.
 */
@ApplicationScoped
public class FunnelEventConsumer {

    /** Incoming channel bound to careerplace.funnel-events.v1. */
    static final String CHANNEL = "funnel-events";

    private final RecordProcessor processor;
    private final FunnelService service;

    FunnelEventConsumer(RecordProcessor processor, FunnelService service) {
        this.processor = processor;
        this.service = service;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, () -> handle(RecordProcessor.parse(record, FunnelEvent.class)));
    }

    private Uni<Void> handle(FunnelEvent event) {
        require(event.eventId(), "eventId");
        require(event.type(), "type");
        require(event.invitationId(), "invitationId");
        SourceEvent source = new SourceEvent(Topics.CAREERPLACE_FUNNEL_EVENTS, event.eventId(),
                event.type().name().toLowerCase(Locale.ROOT), event.occurredAt());
        FunnelSignal signal = switch (event.type()) {
            case STARTED -> FunnelSignal.STARTED;
            case SUBMITTED -> FunnelSignal.SUBMITTED;
            case QUALIFIED -> FunnelSignal.QUALIFIED;
            case UNQUALIFIED -> FunnelSignal.UNQUALIFIED;
            case DECLINED -> FunnelSignal.DECLINED;
        };
        return service.applyToInvitation(source, event.invitationId(), signal, event.reason(),
                event.applicantCardUrl());
    }
}
