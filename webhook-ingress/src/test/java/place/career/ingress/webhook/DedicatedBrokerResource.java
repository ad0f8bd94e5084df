package place.career.ingress.webhook;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import place.career.localstack.KafkaBroker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a Kafka broker for one test profile only, so that a test can suspend or stop it without
 * disturbing the broker that the other test classes share.
 *
 * <p>Quarkus may load this class and the test class in different class loaders, so the running
 * broker is found through system properties (its PID), which the whole JVM shares.
 */
public class DedicatedBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static final String PID_PROPERTY = "place.career.ingress.test.broker.pid";
    private static final Path DATA_DIR = Path.of("target", "kafka-broker-fault");

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = startBroker(0);
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        stopBroker();
    }

    private static KafkaBroker startBroker(int port) {
        KafkaBroker broker = KafkaBroker.start(DATA_DIR, port);
        System.setProperty(PID_PROPERTY, Long.toString(broker.pid()));
        return broker;
    }

    /** Stops the broker this resource started, by its PID, and waits until it has exited. */
    static void stopBroker() {
        process()
                .ifPresent(
                        process -> {
                            process.destroy();
                            process.onExit()
                                    .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                                    .join();
                        });
    }

    /** Sends a signal such as STOP or CONT to the broker this resource started. */
    static void signal(String signal) throws Exception {
        long pid = process().orElseThrow().pid();
        Process kill =
                new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    private static Optional<ProcessHandle> process() {
        String pid = System.getProperty(PID_PROPERTY);
        return pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
    }
}
