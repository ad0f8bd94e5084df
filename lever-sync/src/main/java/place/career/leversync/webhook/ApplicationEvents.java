package place.career.leversync.webhook;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import place.career.events.ApplicationEvent;
import place.career.events.EventJson;
import place.career.events.WebhookReceived;

/** Publishes {@link ApplicationEvent}s on lever.applications.v1. */
@ApplicationScoped
public class ApplicationEvents {

    private final MutinyEmitter<byte[]> emitter;

    ApplicationEvents(@Channel("applications") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Sends the event keyed by installation and opportunity; completes when Kafka acknowledged it. */
    public Uni<Void> publish(ApplicationEvent event) {
        return emitter.sendMessage(KafkaRecord.of(event.key(), EventJson.write(event)));
    }

    /**
     * Returns the event id for a webhook delivery: a name-based UUID of installation and delivery
     * id, so a redelivered or replayed webhook yields the same id and consumers drop the repeat.
     */
    public static String eventIdFor(WebhookReceived webhook) {
        String name = "lever-sync:" + webhook.installationId() + ":" + webhook.deliveryId();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
