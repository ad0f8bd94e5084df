package place.career.leversync.work;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import place.career.events.Topics;

/**
 * Sends work items that cannot succeed to {@code <origin topic>.dlq}, with the same headers as
 * the Kafka connector's dead-letter strategy, so one redrive command serves both.
 */
@Startup
@ApplicationScoped
public class DeadLetters {

    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry registry;

    DeadLetters(@Channel("dead-letters") MutinyEmitter<byte[]> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
        // Registered up front so that dashboards and alerts see 0 rather than no series.
        counter(Topics.FUNNEL_STATUS + Topics.DEAD_LETTER_SUFFIX);
        counter(Topics.LEVER_WEBHOOKS + Topics.DEAD_LETTER_SUFFIX);
    }

    /** Sends the item's payload to its dead-letter topic and completes when Kafka acknowledged it. */
    public Uni<Void> send(WorkItem item, Throwable cause, int attempts) {
        String topic = item.originTopic() + Topics.DEAD_LETTER_SUFFIX;
        RecordHeaders headers = new RecordHeaders();
        header(headers, "dead-letter-reason", cause.getMessage() == null ? cause.toString() : cause.getMessage());
        header(headers, "dead-letter-cause", cause.getClass().getName());
        header(headers, "dead-letter-topic", item.originTopic());
        header(headers, "dead-letter-source", "lever-sync");
        header(headers, "dead-letter-attempts", String.valueOf(attempts));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(Topics.candidateKey(item.installationId(), item.opportunityId()))
                .withHeaders(headers)
                .build();
        byte[] value = item.payload().getBytes(StandardCharsets.UTF_8);
        return emitter.sendMessage(Message.of(value).addMetadata(metadata)).invoke(() -> counter(topic).increment());
    }

    private Counter counter(String topic) {
        return Counter.builder("leversync.dead.lettered")
                .description("Work items sent to a dead-letter topic after their retries ran out")
                .tag("topic", topic)
                .register(registry);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
