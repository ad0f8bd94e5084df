package place.career.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import place.career.events.EventJson;
import place.career.events.InvalidEventException;

/**
 * Produces, reads and awaits records in tests, with String keys and the JSON values of
 * {@link EventJson}. It is not thread-safe, so use one per test thread.
 */
public final class KafkaTestClient implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private KafkaProducer<String, byte[]> producer;
    private Admin admin;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Sends an event as {@link EventJson} bytes and waits for the broker's acknowledgement.
     *
     * @param key record key, or null
     */
    public RecordMetadata send(String topic, String key, Object event) {
        return sendRaw(topic, key, EventJson.write(event));
    }

    /**
     * Sends bytes as they are, for example a malformed record, and waits for the acknowledgement.
     *
     * @throws IllegalStateException when the broker does not acknowledge within 30 s
     */
    public RecordMetadata sendRaw(String topic, String key, byte[] value) {
        try {
            return producer().send(new ProducerRecord<>(topic, key, value))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send a record to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
        }
    }

    /**
     * Reads the topic from the beginning under a new consumer group until {@code count} records
     * parse as {@code type} and satisfy {@code match}. Records that do not parse as {@code type}
     * are skipped.
     *
     * @return every matching record read, at least {@code count}, in order within each partition
     * @throws AssertionError when fewer than {@code count} match before the timeout
     */
    public <T> List<T> awaitRecords(String topic, Class<T> type, Predicate<T> match, int count,
            Duration timeout) {
        List<T> matches = new ArrayList<>();
        int read = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer("test-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (matches.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    read++;
                    T event = parseOrNull(record.value(), type);
                    if (event != null && match.test(event)) {
                        matches.add(event);
                    }
                }
            }
        }
        if (matches.size() < count) {
            throw new AssertionError("Expected " + count + " matching " + type.getSimpleName()
                    + " records on " + topic + " within " + timeout.toMillis() + " ms, found "
                    + matches.size() + " among " + read + " records read");
        }
        return matches;
    }

    /**
     * Reads every record that is in the topic now, from the beginning of each partition, without
     * a consumer group. Returns an empty list when the topic does not exist.
     *
     * @param timeout time allowed to reach the end of every partition
     * @throws AssertionError when the end is not reached within the timeout
     */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(null)) {
            List<TopicPartition> partitions = partitions(consumer, topic, timeout);
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (!reachedEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Could not read " + topic + " to its end within "
                            + timeout.toMillis() + " ms; read " + records.size() + " records");
                }
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    /** Creates a topic with replication factor 1, leaving an existing topic as it is. */
    public void createTopic(String name, int partitions) {
        try {
            admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + name, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    private static <T> T parseOrNull(byte[] value, Class<T> type) {
        if (value == null) {
            return null;
        }
        try {
            return EventJson.read(value, type);
        } catch (InvalidEventException e) {
            return null;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic,
            Duration timeout) {
        List<PartitionInfo> infos = consumer.listTopics(timeout).get(topic);
        List<TopicPartition> partitions = new ArrayList<>();
        if (infos != null) {
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer =
                    new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private Admin admin() {
        if (admin == null) {
            Properties config = new Properties();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            admin = Admin.create(config);
        }
        return admin;
    }

    /** Creates a consumer that commits nothing. A null {@code groupId} suits assign-only use. */
    private KafkaConsumer<String, byte[]> consumer(String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
