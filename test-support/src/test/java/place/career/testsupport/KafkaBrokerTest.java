package place.career.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import place.career.localstack.KafkaBroker;

/** Starts a broker of its own, apart from the one shared through {@link KafkaBrokerResource}. */
class KafkaBrokerTest {

    record Ping(String id, Instant sentAt) {}

    @Test
    void brokerRoundTripAndStop(@TempDir Path dataDir) {
        KafkaBroker broker = KafkaBroker.start(dataDir, 0);
        long pid = broker.pid();
        try (KafkaTestClient client = new KafkaTestClient(broker.bootstrapServers())) {
            String bootstrap = broker.bootstrapServers();
            assertTrue(bootstrap.startsWith("127.0.0.1:"), bootstrap);

            client.send("lifecycle.v1", "key-1", new Ping("ping-1", Instant.now()));
            List<Ping> received = client.awaitRecords("lifecycle.v1", Ping.class,
                    ping -> ping.id().equals("ping-1"), 1, Duration.ofSeconds(30));

            assertEquals(1, received.size());
        } finally {
            broker.stop();
        }

        assertFalse(broker.isAlive());
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        boolean gone = process.isEmpty() || !process.get().isAlive();
        assertTrue(gone, "broker PID " + pid + " is still running");
    }

    @Test
    void restartKeepsTopics(@TempDir Path dataDir) {
        try (KafkaBroker broker = KafkaBroker.start(dataDir, 0);
                KafkaTestClient client = new KafkaTestClient(broker.bootstrapServers())) {
            client.send("restart.v1", "key-1", new Ping("before-restart", Instant.now()));
        }

        try (KafkaBroker broker = KafkaBroker.start(dataDir, 0);
                KafkaTestClient client = new KafkaTestClient(broker.bootstrapServers())) {
            List<Ping> received = client.awaitRecords("restart.v1", Ping.class,
                    ping -> ping.id().equals("before-restart"), 1, Duration.ofSeconds(30));

            assertEquals(1, received.size());
        }
        assertTrue(Files.exists(dataDir.resolve("broker.log")));
    }
}
