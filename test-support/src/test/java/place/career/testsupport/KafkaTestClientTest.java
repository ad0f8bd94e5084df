package place.career.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against the broker shared through {@link KafkaBrokerResource}. */
class KafkaTestClientTest {

    record Ping(String id, Instant sentAt) {}

    private static KafkaTestClient client;

    @BeforeAll
    static void connect() {
        Map<String, String> config = new KafkaBrokerResource().start();
        client = new KafkaTestClient(config.get("kafka.bootstrap.servers"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void awaitRecordsSkipsUnparsableAndUnmatched() {
        String topic = uniqueTopic();
        client.createTopic(topic, 3);

        client.sendRaw(topic, "key-0", "not json".getBytes(StandardCharsets.UTF_8));
        client.send(topic, "key-1", new Ping("other", Instant.now()));
        client.send(topic, "key-2", new Ping("wanted", Instant.now()));
        List<Ping> received = client.awaitRecords(topic, Ping.class,
                ping -> ping.id().equals("wanted"), 1, Duration.ofSeconds(30));

        assertEquals(1, received.size());
        assertEquals("wanted", received.get(0).id());
    }

    @Test
    void awaitRecordsFailsWhenTooFewMatch() {
        String topic = uniqueTopic();
        client.send(topic, "key-1", new Ping("only", Instant.now()));

        AssertionError error = assertThrows(AssertionError.class, () -> client.awaitRecords(topic,
                Ping.class, ping -> true, 2, Duration.ofSeconds(3)));

        assertTrue(error.getMessage().contains("found 1"), error.getMessage());
    }

    @Test
    void readAllReturnsEveryRecordWithKey() {
        String topic = uniqueTopic();
        client.createTopic(topic, 2);
        client.send(topic, "key-1", new Ping("first", Instant.now()));
        client.sendRaw(topic, "key-2", new byte[] {1, 2, 3});

        List<ConsumerRecord<String, byte[]>> records =
                client.readAll(topic, Duration.ofSeconds(10));

        assertEquals(2, records.size());
        ConsumerRecord<String, byte[]> raw = records.stream()
                .filter(r -> "key-2".equals(r.key())).findFirst().orElseThrow();
        assertEquals(3, raw.value().length);
    }

    @Test
    void readAllOfMissingTopicIsEmpty() {
        List<ConsumerRecord<String, byte[]>> records =
                client.readAll(uniqueTopic(), Duration.ofSeconds(10));

        assertEquals(0, records.size());
    }

    @Test
    void createTopicTwiceIsAccepted() {
        String topic = uniqueTopic();

        client.createTopic(topic, 1);
        client.createTopic(topic, 1);

        assertEquals(0, client.readAll(topic, Duration.ofSeconds(10)).size());
    }

    private static String uniqueTopic() {
        return "test-client." + UUID.randomUUID();
    }
}
