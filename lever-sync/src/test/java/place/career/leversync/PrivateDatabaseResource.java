package place.career.leversync;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import place.career.localstack.Postgres;

/**
 * Gives each test JVM its own database on the machine's PostgreSQL, created empty and dropped at
 * the end. lever-sync's replicas take the lease of every connected installation in their schema,
 * so two test runs sharing one database would call each other's simulators with each other's
 * tokens; a private database keeps parallel runs (and rows left by earlier runs) apart.
 */
public class PrivateDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "cpl_test_lever_sync_";
    /** Databases of crashed runs older than this are dropped when a new run starts. */
    private static final Duration LEFTOVER_AGE = Duration.ofHours(6);

    private static String database;

    @Override
    public synchronized Map<String, String> start() {
        Postgres postgres = Postgres.fromEnvironment();
        if (database == null) {
            dropLeftovers(postgres);
            database = PREFIX + Instant.now().getEpochSecond() + "_" + UUID.randomUUID().toString().substring(0, 8);
            postgres.ensureRole(Postgres.ROLE, Postgres.ROLE_PASSWORD);
            postgres.ensureDatabase(database, Postgres.ROLE);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.username", Postgres.ROLE,
                "quarkus.datasource.password", Postgres.ROLE_PASSWORD);
    }

    @Override
    public void stop() {
        // The database lives until the JVM ends, because Quarkus may restart with the same resources.
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (database != null) {
                drop(Postgres.fromEnvironment(), database);
            }
        }, "drop-private-test-database"));
    }

    private static void dropLeftovers(Postgres postgres) {
        long cutoff = Instant.now().minus(LEFTOVER_AGE).getEpochSecond();
        List<String> old = new ArrayList<>();
        try (Connection connection = admin(postgres);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '"
                        + PREFIX + "%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                String[] parts = name.substring(PREFIX.length()).split("_");
                if (parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    old.add(name);
                }
            }
        } catch (SQLException e) {
            return;
        }
        old.forEach(name -> drop(postgres, name));
    }

    private static void drop(Postgres postgres, String name) {
        if (!name.matches(PREFIX + "[0-9a-f_]+")) {
            return;
        }
        try (Connection connection = admin(postgres); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static Connection admin(Postgres postgres) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", System.getenv().getOrDefault("CPL_DB_ADMIN_USER", "postgres"));
        properties.setProperty("password", System.getenv().getOrDefault("CPL_DB_ADMIN_PASSWORD", ""));
        return DriverManager.getConnection(postgres.jdbcUrl("postgres"), properties);
    }
}
