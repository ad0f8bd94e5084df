package place.career.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import place.career.localstack.Postgres;

/**
 * Points a Quarkus test at the {@code cpl_test} database of the PostgreSQL server named by the
 * {@code CPL_DB_*} environment variables, creating the database and its role if needed. Each
 * service keeps its tables in its own schema, so services share the one test database.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Postgres postgres = Postgres.fromEnvironment();
        postgres.ensureRoleAndDatabases(Postgres.TEST_DATABASE);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(Postgres.TEST_DATABASE),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(Postgres.TEST_DATABASE),
                "quarkus.datasource.username", Postgres.ROLE,
                "quarkus.datasource.password", Postgres.ROLE_PASSWORD);
    }

    @Override
    public void stop() {
    }
}
