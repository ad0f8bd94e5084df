package place.career.leversync.deadletter;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import place.career.events.Topics;

/**
 * Command that copies records from a dead-letter topic back to the topic they came from, so the
 * consumers process them again once the cause is fixed. Consumers drop events they already
 * applied, so redriving a record twice is harmless.
 *
 * <p>It reads the dead-letter topic from the beginning without a consumer group, so it changes
 * no offsets. Filters select records by key, by minimum offset and by time.
 */
public final class DeadLetterRedrive {

    static final String USAGE = """
            Usage: redrive --topic TOPIC [options]
              --topic TOPIC            topic whose dead letters to redrive, e.g. funnel.status.v1;
                                       records are read from TOPIC.dlq
              --bootstrap-servers HP   Kafka bootstrap servers (default: $CPL_KAFKA_BOOTSTRAP or
                                       127.0.0.1:19092)
              --key KEY                only records with this key
              --from-offset N          only records at offset N or later (every partition)
              --since ISO-INSTANT      only records written at or after this time
              --dry-run                list what would be redriven and send nothing
            """;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private DeadLetterRedrive() {}

    /** Options of one run. */
    record Options(String topic, String bootstrapServers, String key, long fromOffset, Instant since, boolean dryRun) {

        /** Parses the arguments after the command name; throws IllegalArgumentException with the reason. */
        static Options parse(List<String> args, String defaultBootstrap) {
            String topic = null;
            String bootstrap = defaultBootstrap;
            String key = null;
            long fromOffset = 0;
            Instant since = null;
            boolean dryRun = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--dry-run" -> dryRun = true;
                    case "--topic" -> topic = value(args, ++i, arg);
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i, arg);
                    case "--key" -> key = value(args, ++i, arg);
                    case "--from-offset" -> fromOffset = parseOffset(value(args, ++i, arg));
                    case "--since" -> since = parseInstant(value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("Unknown option " + arg);
                }
            }
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("Missing --topic");
            }
            if (topic.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                throw new IllegalArgumentException("Give the original topic, not the dead-letter topic: "
                        + topic.substring(0, topic.length() - Topics.DEAD_LETTER_SUFFIX.length()));
            }
            return new Options(topic, bootstrap, key, fromOffset, since, dryRun);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new IllegalArgumentException("Missing value after " + option);
            }
            return args.get(index);
        }

        private static long parseOffset(String text) {
            try {
                long offset = Long.parseLong(text);
                if (offset < 0) {
                    throw new IllegalArgumentException("--from-offset must be 0 or more, got " + text);
                }
                return offset;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--from-offset must be a number, got " + text, e);
            }
        }

        private static Instant parseInstant(String text) {
            try {
                return Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--since must be an ISO-8601 instant such as"
                        + " 2026-12-04T10:00:00Z, got " + text, e);
            }
        }
    }

    /** Runs the command; returns the process exit code (0 success, 2 invalid arguments, 1 failure). */
    public static int run(List<String> args, PrintStream out) {
        String defaultBootstrap = System.getenv().getOrDefault("CPL_KAFKA_BOOTSTRAP", "127.0.0.1:19092");
        Options options;
        try {
            options = Options.parse(args, defaultBootstrap);
        } catch (IllegalArgumentException e) {
            out.println("Invalid arguments: " + e.getMessage());
            out.print(USAGE);
            return 2;
        }
        try {
            int count = redrive(options, out);
            out.printf("%s %d record(s) from %s to %s%n", options.dryRun() ? "Would redrive" : "Redrove", count,
                    options.topic() + Topics.DEAD_LETTER_SUFFIX, options.topic());
            return 0;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            out.println("Redrive failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("Redrive interrupted");
            return 1;
        }
    }

    private static int redrive(Options options, PrintStream out)
            throws ExecutionException, TimeoutException, InterruptedException {
        List<ConsumerRecord<String, byte[]>> selected = select(options);
        if (options.dryRun()) {
            selected.forEach(record -> out.println(describe(record)));
            return selected.size();
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(options.bootstrapServers()))) {
            for (ConsumerRecord<String, byte[]> record : selected) {
                ProducerRecord<String, byte[]> copy = new ProducerRecord<>(options.topic(), record.key(), record.value());
                String origin = record.topic() + ":" + record.partition() + ":" + record.offset();
                copy.headers().add("redriven-from", origin.getBytes(StandardCharsets.UTF_8));
                producer.send(copy).get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                out.println("redriven " + describe(record));
            }
        }
        return selected.size();
    }

    private static List<ConsumerRecord<String, byte[]>> select(Options options) {
        String deadLetterTopic = options.topic() + Topics.DEAD_LETTER_SUFFIX;
        List<ConsumerRecord<String, byte[]>> selected = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(options.bootstrapServers()))) {
            List<PartitionInfo> partitionInfos = consumer.partitionsFor(deadLetterTopic, READ_TIMEOUT);
            if (partitionInfos == null || partitionInfos.isEmpty()) {
                return selected;
            }
            List<TopicPartition> partitions = partitionInfos.stream()
                    .map(info -> new TopicPartition(deadLetterTopic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (!reachedEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Timed out reading " + deadLetterTopic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matches(options, record)) {
                        selected.add(record);
                    }
                }
            }
        }
        return selected;
    }

    private static boolean matches(Options options, ConsumerRecord<String, byte[]> record) {
        return record.offset() >= options.fromOffset()
                && (options.key() == null || options.key().equals(record.key()))
                && (options.since() == null || record.timestamp() >= options.since().toEpochMilli());
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    /** Describes a record by position, key and dead-letter reason; never prints the value. */
    private static String describe(ConsumerRecord<String, byte[]> record) {
        Header reason = record.headers().lastHeader("dead-letter-reason");
        return "partition=" + record.partition() + " offset=" + record.offset() + " key=" + record.key()
                + " reason=" + (reason == null ? "-" : new String(reason.value(), StandardCharsets.UTF_8));
    }

    private static Properties consumerConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "lever-sync-redrive-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    private static Properties producerConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }
}
