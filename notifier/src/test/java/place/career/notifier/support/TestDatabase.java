package place.career.notifier.support;

import place.career.localstack.Postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A database of its own for one test JVM on the machine's PostgreSQL, dropped when the tests end.
 * Test runs that share {@code cpl_test} would see and clean each other's notifier tables, which
 * broke runs that overlapped on one machine.
 */
public final class TestDatabase implements AutoCloseable {

    private final Postgres postgres = Postgres.fromEnvironment();
    private final String name =
            "cpl_test_notifier_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** Creates the database, owned by the test role. */
    public TestDatabase() {
        postgres.ensureRoleAndDatabases(name);
    }

    /** Returns the Quarkus datasource settings that point at this database. */
    public Map<String, String> datasourceSettings() {
        return Map.of(
                "quarkus.datasource.jdbc.url",
                postgres.jdbcUrl(name),
                "quarkus.datasource.reactive.url",
                postgres.reactiveUrl(name),
                "quarkus.datasource.username",
                Postgres.ROLE,
                "quarkus.datasource.password",
                Postgres.ROLE_PASSWORD);
    }

    /** Drops the database, ending any session still connected to it. */
    @Override
    public void close() {
        String adminUser = System.getenv().getOrDefault("CPL_DB_ADMIN_USER", "postgres");
        String adminPassword = System.getenv().getOrDefault("CPL_DB_ADMIN_PASSWORD", "");
        try (Connection connection =
                        DriverManager.getConnection(
                                postgres.jdbcUrl("postgres"), adminUser, adminPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not drop test database " + name + ". Drop it with DROP DATABASE " + name,
                    e);
        }
    }
}
