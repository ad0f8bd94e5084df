package place.career.leversync.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.KafkaTestClient;

/** The redrive command against the real broker, without Quarkus. */
class DeadLetterRedriveTest {

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(KafkaBrokerResource.bootstrapServers());
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void redriveCopiesSelectedRecordsBack() {
        String topic = "redrive-test-" + UUID.randomUUID();
        kafka.sendRaw(topic + ".dlq", "key-a", bytes("first"));
        kafka.sendRaw(topic + ".dlq", "key-b", bytes("second"));
        kafka.sendRaw(topic + ".dlq", "key-a", bytes("third"));

        int exitCode = DeadLetterRedrive.run(List.of("--topic", topic, "--key", "key-a", "--bootstrap-servers",
                KafkaBrokerResource.bootstrapServers()), new PrintStream(new ByteArrayOutputStream()));

        assertEquals(0, exitCode);
        List<ConsumerRecord<String, byte[]>> redriven = kafka.readAll(topic, Duration.ofSeconds(30));
        assertEquals(List.of("first", "third"), redriven.stream().map(record -> text(record.value())).toList());
        assertEquals("key-a", redriven.get(0).key());
        assertTrue(text(redriven.get(0).headers().lastHeader("redriven-from").value()).startsWith(topic + ".dlq:0:"));
    }

    @Test
    void dryRunListsAndSendsNothing() {
        String topic = "redrive-test-" + UUID.randomUUID();
        kafka.sendRaw(topic + ".dlq", "key-a", bytes("first"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exitCode = DeadLetterRedrive.run(List.of("--topic", topic, "--dry-run", "--bootstrap-servers",
                KafkaBrokerResource.bootstrapServers()), new PrintStream(output, true, StandardCharsets.UTF_8));

        assertEquals(0, exitCode);
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("Would redrive 1 record(s)"));
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("key=key-a"));
        assertEquals(0, kafka.readAll(topic, Duration.ofSeconds(30)).size());
    }

    @Test
    void fromOffsetSkipsEarlierRecords() {
        String topic = "redrive-test-" + UUID.randomUUID();
        kafka.sendRaw(topic + ".dlq", "k", bytes("first"));
        kafka.sendRaw(topic + ".dlq", "k", bytes("second"));

        DeadLetterRedrive.run(List.of("--topic", topic, "--from-offset", "1", "--bootstrap-servers",
                KafkaBrokerResource.bootstrapServers()), new PrintStream(new ByteArrayOutputStream()));

        assertEquals(List.of("second"), kafka.readAll(topic, Duration.ofSeconds(30)).stream()
                .map(record -> text(record.value())).toList());
    }

    @Test
    void invalidArgumentsExitWithUsage() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exitCode = DeadLetterRedrive.run(List.of("--key", "k"), new PrintStream(output, true, StandardCharsets.UTF_8));

        assertEquals(2, exitCode);
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("Missing --topic"));
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("Usage: redrive"));
    }

    @Test
    void optionsRejectDeadLetterTopicAndBadValues() {
        assertThrows(IllegalArgumentException.class,
                () -> DeadLetterRedrive.Options.parse(List.of("--topic", "funnel.status.v1.dlq"), "h:1"));
        assertThrows(IllegalArgumentException.class,
                () -> DeadLetterRedrive.Options.parse(List.of("--topic", "t", "--from-offset", "-1"), "h:1"));
        assertThrows(IllegalArgumentException.class,
                () -> DeadLetterRedrive.Options.parse(List.of("--topic", "t", "--since", "yesterday"), "h:1"));
        assertEquals(Instant.parse("2026-12-04T10:00:00Z"), DeadLetterRedrive.Options.parse(
                List.of("--topic", "t", "--since", "2026-12-04T10:00:00Z"), "h:1").since());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
