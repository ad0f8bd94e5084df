package place.career.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The configuration files of a {@link KafkaBroker}, written into its data directory. */
record KafkaBrokerConfig(Path dataDir, int clientPort, int controllerPort) {

    /**
     * Writes {@code server.properties} and {@code log4j2.properties} for a broker on
     * {@code clientPort} with the controller on a free port. A restart on a formatted data
     * directory may get another controller port, which Kafka 4.1.2 accepts for a single voter.
     */
    static KafkaBrokerConfig write(Path dataDir, int clientPort) {
        KafkaBrokerConfig config = new KafkaBrokerConfig(dataDir, clientPort, FreePorts.pick());
        KafkaBroker.writeFile(config.serverProperties(), config.serverPropertiesText());
        KafkaBroker.writeFile(config.log4jProperties(), LOG4J_PROPERTIES);
        return config;
    }

    Path serverProperties() {
        return dataDir.resolve("server.properties");
    }

    Path log4jProperties() {
        return dataDir.resolve("log4j2.properties");
    }

    Path logFile() {
        return dataDir.resolve("broker.log");
    }

    Path partitionsDir() {
        return dataDir.resolve("kraft-logs");
    }

    boolean isFormatted() {
        return Files.exists(partitionsDir().resolve("meta.properties"));
    }

    private String serverPropertiesText() {
        String controller = "127.0.0.1:" + controllerPort;
        String client = "127.0.0.1:" + clientPort;
        return "process.roles=broker,controller\n"
                + "node.id=1\n"
                + "controller.quorum.bootstrap.servers=" + controller + "\n"
                + "listeners=PLAINTEXT://" + client + ",CONTROLLER://" + controller + "\n"
                + "advertised.listeners=PLAINTEXT://" + client
                + ",CONTROLLER://" + controller + "\n"
                + "controller.listener.names=CONTROLLER\n"
                + "inter.broker.listener.name=PLAINTEXT\n"
                + "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n"
                + "log.dirs=" + partitionsDir() + "\n"
                + "auto.create.topics.enable=true\n"
                + "num.partitions=1\n"
                // One node: every internal topic must accept a single replica.
                + "offsets.topic.replication.factor=1\n"
                + "offsets.topic.num.partitions=5\n"
                + "transaction.state.log.replication.factor=1\n"
                + "transaction.state.log.min.isr=1\n"
                + "transaction.state.log.num.partitions=5\n"
                + "share.coordinator.state.topic.replication.factor=1\n"
                + "share.coordinator.state.topic.min.isr=1\n"
                // Test consumers join one at a time, so waiting for more members only slows them.
                + "group.initial.rebalance.delay.ms=0\n"
                // The default 128 MB compaction buffer would take half of the small heap.
                + "log.cleaner.dedupe.buffer.size=16777216\n";
    }

    private static final String LOG4J_PROPERTIES = """
            # KafkaBroker writes this file on every start. Standard output goes to broker.log.
            status = warn
            appender.console.type = Console
            appender.console.name = STDOUT
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = INFO
            rootLogger.appenderRef.console.ref = STDOUT
            # Per-request and per-segment chatter hides the lines that matter.
            logger.requests.name = kafka.request.logger
            logger.requests.level = WARN
            logger.cleaner.name = kafka.log.LogCleaner
            logger.cleaner.level = WARN
            """;
}
