package place.career.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs against the PostgreSQL server named by the {@code CPL_DB_*} variables. */
class PostgresTest {

    @Test
    void ensureTwiceIsIdempotent() throws SQLException {
        Postgres postgres = Postgres.fromEnvironment();

        postgres.ensureRoleAndDatabases(Postgres.TEST_DATABASE);
        postgres.ensureRoleAndDatabases(Postgres.TEST_DATABASE);

        try (Connection connection = DriverManager.getConnection(
                postgres.jdbcUrl(Postgres.TEST_DATABASE), Postgres.ROLE, Postgres.ROLE_PASSWORD);
                ResultSet result = connection.createStatement().executeQuery(
                        "SELECT current_user, current_database()")) {
            assertTrue(result.next());
            assertEquals(Postgres.ROLE, result.getString(1));
            assertEquals(Postgres.TEST_DATABASE, result.getString(2));
        }
    }

    @Test
    void existingSetupNeedsNoAdministrator() {
        Postgres.fromEnvironment().ensureRoleAndDatabases(Postgres.TEST_DATABASE);
        Postgres noAdmin = new Postgres(Postgres.fromEnvironment().host(),
                Postgres.fromEnvironment().port(), "no_such_administrator", "wrong");

        noAdmin.ensureRoleAndDatabases(Postgres.TEST_DATABASE);
    }

    @Test
    void unreachableServerNamesTheSettings() {
        Postgres postgres = new Postgres("127.0.0.1", FreePorts.pick(), "postgres", "");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> postgres.ensureDatabase(Postgres.TEST_DATABASE, Postgres.ROLE));

        assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
        assertTrue(e.getMessage().contains("CPL_DB_HOST"), e.getMessage());
    }

    @Test
    void rejectsNamesThatAreNotPlainIdentifiers() {
        Postgres postgres = new Postgres("127.0.0.1", 5432, "postgres", "");

        assertThrows(IllegalArgumentException.class,
                () -> postgres.ensureDatabase("test; DROP DATABASE postgres", Postgres.ROLE));
    }

    @Test
    void environmentDefaultsToLocalServer() {
        Postgres postgres = Postgres.fromEnvironment(Map.of());

        assertEquals("jdbc:postgresql://127.0.0.1:5432/cpl_test", postgres.jdbcUrl("cpl_test"));
        assertEquals("postgresql://127.0.0.1:5432/cpl_test", postgres.reactiveUrl("cpl_test"));
    }
}
