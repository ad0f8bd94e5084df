package place.career.ingress.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import place.career.events.EventJson;
import place.career.events.WebhookReceived;
import place.career.ingress.IngressConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes verified deliveries to the webhook topic and reports success only once the broker has
 * acknowledged the record on all in-sync replicas.
 *
 * <p>The producer is idempotent with {@code acks=all}. Its {@code delivery.timeout.ms} and {@code
 * max.block.ms} equal the configured produce timeout, so a send either succeeds or fails within
 * that deadline.
 */
@ApplicationScoped
public class WebhookPublisher {

    /** Extra wait past the producer's own deadline before the send is given up locally. */
    private static final Duration LOCAL_GRACE = Duration.ofSeconds(1);

    @Inject IngressConfig config;

    @Inject MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaProducer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(producerProperties());
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(meters);
    }

    void stop(@Observes ShutdownEvent event) {
        if (producerMetrics != null) {
            producerMetrics.close();
        }
        if (producer != null) {
            producer.close(config.kafka().produceTimeout());
        }
    }

    /**
     * Sends the event and completes when the broker acknowledged it. See {@link #publishAll}.
     */
    public Uni<Void> publish(WebhookReceived event) {
        return publishAll(List.of(event));
    }

    /**
     * Sends the events and completes when the broker acknowledged every one of them.
     *
     * <p>The returned {@code Uni} fails with the producer's exception as soon as the broker
     * rejects one record or the deadline passes; records sent before that may still be written.
     * NOTE: after a timeout the broker may still have written a record, so a retry by Lever can
     * publish the same {@code deliveryId} twice, and consumers deduplicate on it.
     */
    public Uni<Void> publishAll(List<WebhookReceived> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (WebhookReceived event : events) {
            records.add(
                    new ProducerRecord<>(
                            config.kafka().webhooksTopic(), event.key(), EventJson.write(event)));
        }
        return Uni.createFrom()
                .<Void>emitter(
                        emitter -> {
                            AtomicInteger outstanding = new AtomicInteger(records.size());
                            Callback acknowledged =
                                    (metadata, failure) -> {
                                        if (failure != null) {
                                            emitter.fail(failure);
                                        } else if (outstanding.decrementAndGet() == 0) {
                                            emitter.complete(null);
                                        }
                                    };
                            try {
                                for (ProducerRecord<String, byte[]> record : records) {
                                    producer.send(record, acknowledged);
                                }
                            } catch (RuntimeException e) {
                                emitter.fail(e);
                            }
                        })
                // send() blocks while the producer waits for metadata, for example when the broker
                // is down, so it must not run on an event-loop thread. One worker task sends the
                // whole group, which keeps the thread hand-over out of the per-record cost.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem()
                .after(config.kafka().produceTimeout().plus(LOCAL_GRACE))
                .fail();
    }

    private Properties producerProperties() {
        long timeoutMs = config.kafka().produceTimeout().toMillis();
        int lingerMs = config.kafka().lingerMs();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "webhook-ingress");
        properties.put(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeoutMs));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
        // Kafka's producer documentation requires delivery.timeout.ms >= linger.ms +
        // request.timeout.ms.
        properties.put(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                String.valueOf(Math.max(1, timeoutMs - lingerMs)));
        return properties;
    }
}
