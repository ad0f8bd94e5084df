package place.career.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import place.career.localstack.KafkaBroker;

/**
 * Points a Quarkus test at a real Kafka broker: the one named by the environment variable
 * {@code CPL_KAFKA_BOOTSTRAP} if it is set, otherwise a broker that this resource starts.
 *
 * <p>The started broker is shared by every test class of the test JVM, because a broker start
 * costs a few seconds. It writes under {@code target/kafka-broker/} of the module under test,
 * which is emptied first, and stops when the test JVM exits. Tests share topics, so match records
 * on ids or create a topic per test. A test that needs a broker outage starts its own
 * {@link KafkaBroker} rather than stopping the shared one.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** Environment variable with the bootstrap servers of an already running broker. */
    public static final String BOOTSTRAP_ENV = "CPL_KAFKA_BOOTSTRAP";

    // Quarkus 3.33 loads this class once per test profile, each time in a new class loader, so
    // a static field would start one broker per profile. System properties are shared by the
    // whole JVM, and so is their lock.
    private static final String BOOTSTRAP_PROPERTY = "place.career.testsupport.kafka.bootstrap";
    private static final String PID_PROPERTY = "place.career.testsupport.kafka.pid";

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    /** Leaves the broker running for the next test class. A shutdown hook stops it. */
    @Override
    public void stop() {
    }

    /**
     * Returns the bootstrap servers of the shared broker, starting it on the first call in this
     * JVM or when it is no longer running.
     *
     * @throws IllegalStateException when the broker cannot start. The message names its log.
     */
    public static String bootstrapServers() {
        String external = System.getenv(BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            return external;
        }
        synchronized (System.getProperties()) {
            String running = System.getProperty(BOOTSTRAP_PROPERTY);
            if (running != null && isAlive(System.getProperty(PID_PROPERTY))) {
                return running;
            }
            Path dataDir = Path.of("target", "kafka-broker");
            deleteRecursively(dataDir);
            KafkaBroker broker = KafkaBroker.start(dataDir, 0);
            System.setProperty(PID_PROPERTY, Long.toString(broker.pid()));
            System.setProperty(BOOTSTRAP_PROPERTY, broker.bootstrapServers());
            return broker.bootstrapServers();
        }
    }

    private static boolean isAlive(String pid) {
        if (pid == null) {
            return false;
        }
        return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not empty the broker data directory " + dir, e);
        }
    }
}
