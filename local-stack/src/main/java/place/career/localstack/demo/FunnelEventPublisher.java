package place.career.localstack.demo;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import place.career.events.EventJson;
import place.career.events.FunnelEvent;
import place.career.events.Topics;

/** Publishes funnel events the way career.place does, keyed by invitation id. */
public final class FunnelEventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public FunnelEventPublisher(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes one event with a new event id and waits for the broker's acknowledgement. */
    public FunnelEvent publish(FunnelEvent.Type type, String invitationId, String applicantCardUrl,
            String reason) {
        FunnelEvent event = new FunnelEvent(UUID.randomUUID().toString(), type, invitationId,
                Instant.now(), applicantCardUrl, reason);
        try {
            producer.send(new ProducerRecord<>(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId,
                    EventJson.write(event))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing a funnel event", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Publishing a funnel event failed", e.getCause());
        }
        return event;
    }

    @Override
    public void close() {
        producer.close();
    }
}
