package place.career.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresResourceTest {

    @Test
    void returnedSettingsOpenTheTestDatabase() throws SQLException {
        Map<String, String> config = new PostgresResource().start();

        assertTrue(config.get("quarkus.datasource.reactive.url").startsWith("postgresql://"));
        try (Connection connection = DriverManager.getConnection(
                        config.get("quarkus.datasource.jdbc.url"),
                        config.get("quarkus.datasource.username"),
                        config.get("quarkus.datasource.password"));
                ResultSet result = connection.createStatement()
                        .executeQuery("SELECT current_database()")) {
            assertTrue(result.next());
            assertEquals("cpl_test", result.getString(1));
        }
    }
}
