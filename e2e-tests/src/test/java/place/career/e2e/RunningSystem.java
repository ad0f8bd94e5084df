package place.career.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import place.career.leversim.LeverSimulator;
import place.career.localstack.FreePorts;
import place.career.localstack.KafkaBroker;
import place.career.localstack.Postgres;
import place.career.localstack.ProjectPaths;
import place.career.localstack.ServiceProcess;
import place.career.localstack.SmtpSink;
import place.career.localstack.StackKeys;
import place.career.localstack.StackServices;
import place.career.localstack.StackTopics;
import place.career.localstack.demo.LeverTenant;

/**
 * The whole system for one test class: a fresh Kafka broker with the event topics created as in
 * production (with fewer partitions), PostgreSQL database {@code cpl_e2e},
 * the Lever simulator, an SMTP sink and the four packaged services as child processes, wired the
 * same way as the local stack but on free ports.
 */
final class RunningSystem implements AutoCloseable {

    static final String DATABASE = "cpl_e2e";

    // Four JVMs start one after another on a machine that may be busy with the rest of the build.
    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path workDir;
    private final KafkaBroker broker;
    private final LeverSimulator simulator;
    private final SmtpSink smtp;
    private final StackKeys keys;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private RunningSystem(Path workDir) {
        this.workDir = workDir;
        Postgres postgres = Postgres.fromEnvironment();
        postgres.ensureRoleAndDatabases(DATABASE);
        clearDatabase(postgres);
        this.broker = KafkaBroker.start(workDir.resolve("kafka"), 0);
        StackTopics.create(broker.bootstrapServers());
        this.simulator = LeverSimulator.start(0);
        this.smtp = SmtpSink.start(0);
        this.keys = new StackKeys(workDir);
        startServices(postgres);
    }

    /** Starts everything; a failure stops what was already started and rethrows. */
    static RunningSystem start() {
        Path workDir = ProjectPaths.projectRoot().resolve("e2e-tests/target/system");
        deleteRecursively(workDir);
        return new RunningSystem(workDir);
    }

    private void startServices(Postgres postgres) {
        StackServices.Shared shared = new StackServices.Shared(broker.bootstrapServers(), postgres,
                DATABASE, smtp.port(), simulator.baseUrl(), keys.secretsKey(),
                keys.tokenPublicKey(), 1);
        try {
            for (StackServices.Service spec : StackServices.all(shared)) {
                int port = FreePorts.pick();
                Map<String, String> properties = new LinkedHashMap<>(spec.properties());
                if (spec.module().equals("notifier")) {
                    properties.put("notifier.public-base-url", "http://127.0.0.1:" + port);
                }
                if (spec.module().equals("lever-sync")) {
                    properties.put("lever.oauth.redirect-uri", StackServices.leverRedirectUri(port));
                    properties.put("quarkus.log.category.\"place.career.leversync.work\".level", "DEBUG");
                }
                if (spec.module().equals("funnel-orchestrator")) {
                    // lever-sync started earlier in this loop, on a port picked for this run.
                    properties.put(StackServices.ORCHESTRATOR_LEVER_SYNC_URL, serviceUrl("lever-sync"));
                }
                if (spec.module().equals("webhook-ingress")) {
                    // Accepted deliveries are logged at DEBUG; a failed wait quotes them.
                    properties.put("quarkus.log.category.\"place.career.ingress.webhook\".level", "DEBUG");
                }
                ServiceProcess service = ServiceProcess.builder(spec.module())
                        .projectRoot(ProjectPaths.projectRoot())
                        .httpPort(port)
                        .logFile(workDir.resolve("logs").resolve(spec.module() + ".log"))
                        .systemProperties(properties)
                        .readyTimeout(SERVICE_READY_TIMEOUT)
                        .start();
                services.put(spec.module(), service);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    LeverSimulator simulator() {
        return simulator;
    }

    SmtpSink smtp() {
        return smtp;
    }

    String kafkaBootstrap() {
        return broker.bootstrapServers();
    }

    /** Returns {@code http://127.0.0.1:<port>} of a running service, by module name. */
    String serviceUrl(String module) {
        ServiceProcess service = services.get(module);
        if (service == null) {
            throw new IllegalArgumentException("No running service named " + module);
        }
        return service.baseUrl();
    }

    /** Returns the addresses a {@link LeverTenant} needs. */
    LeverTenant.Endpoints endpoints() {
        return new LeverTenant.Endpoints(
                serviceUrl("webhook-ingress") + "/api/integrations/lever/webhooks/application",
                serviceUrl("lever-sync"), serviceUrl("funnel-orchestrator"));
    }

    /** Returns an org-admin bearer token for an organisation and user, valid for one hour. */
    String adminToken(String organizationId, String userId) {
        return keys.adminToken(organizationId, userId, Duration.ofHours(1));
    }

    /** Creates a Lever account in the simulator, connects it and links one job. */
    LeverTenant connectTenant() {
        return LeverTenant.connect(simulator, endpoints(), this::adminToken);
    }

    /** Returns the log files of the services, for a failure message. */
    List<Path> logFiles() {
        List<Path> logs = new ArrayList<>();
        services.values().forEach(service -> logs.add(service.logFile()));
        return logs;
    }

    @Override
    public void close() {
        ServiceProcess.stopAll(new ArrayList<>(services.values()));
        smtp.close();
        simulator.close();
        broker.stop();
    }

    /**
     * Drops what an earlier run left in the database (installations, funnels, timers, delivery
     * keys), so that every run starts as empty as its new broker and simulator. The services
     * create their schemas again at start.
     */
    private static void clearDatabase(Postgres postgres) {
        Properties credentials = new Properties();
        credentials.setProperty("user", Postgres.ROLE);
        credentials.setProperty("password", Postgres.ROLE_PASSWORD);
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), credentials);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP OWNED BY " + Postgres.ROLE + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clear database " + DATABASE + ": " + e.getMessage(), e);
        }
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
            throw new UncheckedIOException("Could not clear " + dir, e);
        }
    }
}
