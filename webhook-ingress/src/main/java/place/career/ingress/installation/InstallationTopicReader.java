package place.career.ingress.installation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import place.career.events.EventJson;
import place.career.events.InstallationChanged;
import place.career.events.InvalidEventException;
import place.career.events.SecretBox;
import place.career.ingress.IngressConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads the compacted installation topic from its beginning into the {@link InstallationRegistry}
 * and keeps following it.
 *
 * <p>Every replica must know every installation, so the reader assigns itself all partitions
 * instead of joining a consumer group, and commits no offsets. The registry counts as loaded once
 * the reader has reached the end offsets the topic had when the reader started.
 *
 * <p>Failure strategy: a record that cannot be parsed is logged at ERROR, counted, and removes the
 * installation from the registry, so that stale signing tokens are never trusted. The next valid
 * record for that installation restores it.
 */
@ApplicationScoped
public class InstallationTopicReader {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(2);

    @Inject InstallationRegistry registry;

    @Inject SecretBox secretBox;

    @Inject IngressConfig config;

    @Inject MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private Counter unreadableRecords;
    private boolean missingTopicReported;

    void start(@Observes StartupEvent event) {
        unreadableRecords =
                Counter.builder("ingress.installations.unreadable.records")
                        .description("Records on the installation topic that could not be parsed")
                        .register(meters);
        consumer = new KafkaConsumer<>(consumerProperties());
        thread = new Thread(this::run, "installation-topic-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopRequested.countDown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void run() {
        String topic = config.kafka().installationsTopic();
        Log.infof("Reading installations from topic=%s", topic);
        long startedAt = System.nanoTime();
        Map<TopicPartition, Long> startupEndOffsets = null;
        long nextRefreshAt = 0;
        try (KafkaConsumer<String, byte[]> reader = consumer) {
            while (!isStopRequested()) {
                try {
                    if (System.nanoTime() >= nextRefreshAt) {
                        Set<TopicPartition> partitions = refreshAssignment(reader, topic);
                        nextRefreshAt =
                                System.nanoTime()
                                        + config.kafka().partitionRefreshInterval().toNanos();
                        if (startupEndOffsets == null) {
                            startupEndOffsets = reader.endOffsets(partitions, METADATA_TIMEOUT);
                        }
                    }
                    if (reader.assignment().isEmpty()) {
                        awaitStop(config.kafka().partitionRefreshInterval());
                    } else {
                        apply(reader.poll(POLL_TIMEOUT));
                    }
                    if (!registry.isLoaded()
                            && startupEndOffsets != null
                            && reachedEnd(reader, startupEndOffsets)) {
                        registry.markLoaded();
                        Log.infof(
                                "Loaded %d connected installations from topic=%s in %d ms",
                                registry.connectedCount(),
                                topic,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
                    }
                } catch (WakeupException e) {
                    // stop() woke the consumer up, and the loop condition ends the thread.
                } catch (KafkaException e) {
                    Log.warnf(
                            e,
                            "Reading topic=%s failed. Retrying in %d s",
                            topic,
                            ERROR_BACKOFF.toSeconds());
                    awaitStop(ERROR_BACKOFF);
                }
            }
        } catch (RuntimeException e) {
            Log.errorf(
                    e,
                    "The installation reader stopped unexpectedly. No installation changes are"
                            + " applied until the service restarts");
        }
    }

    /** Assigns every partition of the topic, reading new ones from their beginning. */
    private Set<TopicPartition> refreshAssignment(
            KafkaConsumer<String, byte[]> reader, String topic) {
        List<PartitionInfo> infos = reader.partitionsFor(topic, METADATA_TIMEOUT);
        Set<TopicPartition> partitions = new HashSet<>();
        if (infos != null) {
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        if (partitions.isEmpty()) {
            if (!missingTopicReported) {
                missingTopicReported = true;
                Log.warnf(
                        "Topic=%s does not exist yet, so no webhook can be verified until"
                            + " lever-sync publishes an installation. Checking again every %d s",
                        topic, config.kafka().partitionRefreshInterval().toSeconds());
            }
            return partitions;
        }

        Set<TopicPartition> added = new HashSet<>(partitions);
        added.removeAll(reader.assignment());
        if (!added.isEmpty()) {
            reader.assign(partitions);
            reader.seekToBeginning(added);
            Log.infof(
                    "Assigned %d new partitions of topic=%s, reading them from the beginning",
                    added.size(), topic);
        }
        return partitions;
    }

    private boolean reachedEnd(
            KafkaConsumer<String, byte[]> reader, Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            if (reader.position(end.getKey(), METADATA_TIMEOUT) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            applyRecord(record);
        }
        registry.publishChanges();
    }

    private void applyRecord(ConsumerRecord<String, byte[]> record) {
        String installationId = record.key();
        if (installationId == null) {
            unreadableRecords.increment();
            Log.errorf(
                    "Skipping a record without key on topic=%s partition=%d offset=%d",
                    record.topic(), record.partition(), record.offset());
            return;
        }
        if (record.value() == null) {
            registry.remove(installationId);
            logChange("Installation %s was deleted", installationId);
            return;
        }

        InstallationChanged change;
        try {
            change = parse(record);
        } catch (InvalidEventException e) {
            registry.remove(installationId);
            unreadableRecords.increment();
            Log.errorf(
                    "Installation %s has an unreadable record on topic=%s partition=%d offset=%d"
                            + " (%s). Its webhooks are rejected until a valid record follows",
                    installationId,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return;
        }

        if (change.status() == InstallationChanged.Status.CONNECTED) {
            List<String> tokens = openTokens(change);
            registry.putConnected(installationId, tokens);
            logChange(
                    "Installation %s is connected with %d usable signing tokens",
                    installationId, tokens.size());
        } else {
            registry.remove(installationId);
            logChange(
                    "Installation %s is " + change.status() + ", so its webhooks are now rejected",
                    installationId);
        }
    }

    private InstallationChanged parse(ConsumerRecord<String, byte[]> record) {
        InstallationChanged change = EventJson.read(record.value(), InstallationChanged.class);
        if (change.status() == null) {
            throw new InvalidEventException("status is missing");
        }
        if (change.installationId() != null && !change.installationId().equals(record.key())) {
            throw new InvalidEventException(
                    "installationId " + change.installationId() + " differs from the key");
        }
        return change;
    }

    private List<String> openTokens(InstallationChanged change) {
        List<String> sealedTokens =
                change.signingTokens() == null ? List.of() : change.signingTokens();
        List<String> tokens = new ArrayList<>(sealedTokens.size());
        for (int i = 0; i < sealedTokens.size(); i++) {
            String token;
            try {
                token = open(sealedTokens.get(i));
            } catch (IllegalArgumentException e) {
                // The message names the key id at most, never the secret.
                Log.warnf(
                        "Installation %s: signing token %d of %d could not be opened and is"
                                + " ignored: %s",
                        change.installationId(), i + 1, sealedTokens.size(), e.getMessage());
                continue;
            }
            if (token.isEmpty()) {
                Log.warnf(
                        "Installation %s: signing token %d of %d is empty and is ignored",
                        change.installationId(), i + 1, sealedTokens.size());
                continue;
            }
            tokens.add(token);
        }
        if (tokens.isEmpty()) {
            Log.warnf(
                    "Installation %s is connected but has no usable signing token, so its webhooks"
                            + " are rejected until a signing token is saved",
                    change.installationId());
        }
        return tokens;
    }

    private String open(String sealedToken) {
        if (sealedToken == null) {
            throw new IllegalArgumentException("the sealed value is null");
        }
        return secretBox.open(sealedToken);
    }

    /**
     * Logs a change at INFO once the initial load is over, and at DEBUG while thousands are
     * replayed.
     */
    private void logChange(String format, String installationId, Object... more) {
        Object[] arguments = new Object[more.length + 1];
        arguments[0] = installationId;
        System.arraycopy(more, 0, arguments, 1, more.length);
        if (registry.isLoaded()) {
            Log.infof(format, arguments);
        } else {
            Log.debugf(format, arguments);
        }
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "webhook-ingress-installations-" + UUID.randomUUID());
        properties.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Creating the topic is lever-sync's job, because an auto-created topic would not be
        // compacted.
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return properties;
    }

    private boolean isStopRequested() {
        return stopRequested.getCount() == 0;
    }

    private void awaitStop(Duration timeout) {
        try {
            stopRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested.countDown();
        }
    }
}
