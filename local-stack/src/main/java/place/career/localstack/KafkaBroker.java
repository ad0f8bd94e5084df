package place.career.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A single-node Apache Kafka broker in KRaft mode, running in its own JVM from the jars that the
 * build copies to {@code kafka-broker/target/kafka-libs}.
 *
 * <p>The broker and its controller listen on 127.0.0.1 only. Everything it writes stays under the
 * data directory: {@code server.properties}, {@code log4j2.properties}, the broker's output in
 * {@code broker.log} and the partitions in {@code kraft-logs/}. Starting again on the same data
 * directory keeps the topics.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Default time allowed for the broker to report that it started. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static final String STARTED_LINE = "Kafka Server started";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    // A development broker carries little load. A 256 MB heap sufficed in this module's test runs.
    private static final List<String> JVM_ARGS = List.of(
            "-Xms128m", "-Xmx256m", "-Djava.awt.headless=true", "-XX:+ExitOnOutOfMemoryError");

    private final Path dataDir;
    private final int port;
    private final ChildProcess process;

    private KafkaBroker(Path dataDir, int port, ChildProcess process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a broker and waits up to {@link #START_TIMEOUT} until it accepts clients.
     *
     * @param dataDir directory for configuration, log and partitions, created if missing
     * @param port client port on 127.0.0.1, or 0 for a free port
     * @throws IllegalStateException when the broker jars are missing, formatting fails, or the
     *     broker exits or does not start in time. The message names the broker log.
     */
    public static KafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, START_TIMEOUT);
    }

    /** Same as {@link #start(Path, int)} with an explicit start timeout. */
    public static KafkaBroker start(Path dataDir, int port, Duration timeout) {
        Path libs = ProjectPaths.kafkaLibsDir();
        Path dir = dataDir.toAbsolutePath().normalize();
        int clientPort = FreePorts.orFree(port);
        KafkaBrokerConfig config = KafkaBrokerConfig.write(dir, clientPort);
        List<String> jvmArgs = jvmArgs(config);
        List<String> classpath = List.of(libs.resolve("*").toString());

        if (!config.isFormatted()) {
            ChildProcess.runJava("kafka-storage-format", jvmArgs, classpath,
                    "kafka.tools.StorageTool",
                    List.of("format", "-t", randomClusterId(),
                            "-c", config.serverProperties().toString(),
                            "--standalone", "--ignore-formatted"),
                    config.logFile(), Duration.ofSeconds(60));
        }

        ChildProcess child = ChildProcess.startJava("kafka-broker", jvmArgs, classpath,
                "kafka.Kafka", List.of(config.serverProperties().toString()), Map.of(),
                config.logFile());
        // Services started by the same JVM still talk to the broker while they shut down.
        child.stopAfterOtherChildren();
        KafkaBroker broker = new KafkaBroker(dir, clientPort, child);
        broker.awaitStarted(timeout);
        return broker;
    }

    /** Returns the bootstrap servers string for clients, {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Returns the client port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Returns the PID of the broker JVM. */
    public long pid() {
        return process.pid();
    }

    /** Returns the file that receives the broker's log output. */
    public Path logFile() {
        return process.logFile();
    }

    /** Returns the directory that contains the configuration, log and partitions. */
    public Path dataDir() {
        return dataDir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the broker: SIGTERM to its PID, a wait of up to 20 s for its controlled shutdown, then
     * a forced kill. Does nothing when it has already stopped.
     */
    public void stop() {
        process.stop(STOP_GRACE);
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitStarted(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!process.logContains(STARTED_LINE)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with status "
                        + process.exitValue() + " before it started; see " + logFile() + "\n"
                        + process.logTail(30));
            }
            if (Instant.now().isAfter(deadline)) {
                stop();
                throw new IllegalStateException("Kafka broker did not start within "
                        + timeout.toSeconds() + " s; see " + logFile() + "\n"
                        + process.logTail(30));
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static List<String> jvmArgs(KafkaBrokerConfig config) {
        List<String> args = new java.util.ArrayList<>(JVM_ARGS);
        args.add("-Dlog4j2.configurationFile=" + config.log4jProperties());
        return args;
    }

    /** Creates a cluster id in Kafka's format: 16 random bytes, URL-safe base64 without padding. */
    static String randomClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-")); // Kafka's command-line tools would read it as an option.
        return id;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    /** Writes a file, wrapping the checked exception. */
    static void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
