package place.career.orchestrator.funnel;

import static place.career.orchestrator.funnel.RecordProcessor.require;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import place.career.events.InvalidEventException;
import place.career.events.NotifierOutcome;
import place.career.events.Topics;

/** Consumes notifier.outcomes.v1: opt-outs, unsubscribes and bounces end the candidate's funnel. */
@ApplicationScoped
public class NotifierOutcomeConsumer {

    /** Incoming channel bound to notifier.outcomes.v1. */
    static final String CHANNEL = "notifier-outcomes";

    private final RecordProcessor processor;
    private final FunnelService service;

    NotifierOutcomeConsumer(RecordProcessor processor, FunnelService service) {
        this.processor = processor;
        this.service = service;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, () -> handle(RecordProcessor.parse(record, NotifierOutcome.class)));
    }

    private Uni<Void> handle(NotifierOutcome outcome) {
        require(outcome.eventId(), "eventId");
        require(outcome.type(), "type");
        UUID funnelId = parseFunnelId(require(outcome.funnelId(), "funnelId"));
        SourceEvent source = new SourceEvent(
                Topics.NOTIFIER_OUTCOMES, outcome.eventId(), outcome.type().name(), outcome.occurredAt());
        FunnelSignal signal = switch (outcome.type()) {
            case OPTED_OUT -> FunnelSignal.NOT_STARTED_IN_TIME;
            case UNSUBSCRIBED -> FunnelSignal.UNSUBSCRIBED;
            case BOUNCED -> FunnelSignal.BOUNCED;
        };
        return service.applyToFunnel(source, funnelId, signal);
    }

    private static UUID parseFunnelId(String funnelId) {
        try {
            return UUID.fromString(funnelId);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("Field 'funnelId' is not a UUID: " + funnelId, e);
        }
    }
}
