package place.career.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import place.career.localstack.Postgres;

import java.util.Map;

/**
 * Like {@link PostgresResource}, but the service's reactive connections pass through a {@link
 * TcpFaultProxy}, so a test can take the database away and bring it back. Flyway's JDBC
 * connection at start-up goes to the server directly.
 */
public class PostgresFaultProxyResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpFaultProxy proxy;

    @Override
    public Map<String, String> start() {
        Postgres postgres = Postgres.fromEnvironment();
        postgres.ensureRoleAndDatabases(Postgres.TEST_DATABASE);
        proxy = new TcpFaultProxy(postgres.host(), postgres.port());
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(Postgres.TEST_DATABASE),
                "quarkus.datasource.reactive.url",
                        "postgresql://127.0.0.1:" + proxy.port() + "/" + Postgres.TEST_DATABASE,
                "quarkus.datasource.username", Postgres.ROLE,
                "quarkus.datasource.password", Postgres.ROLE_PASSWORD);
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }

    /** Returns the running proxy. */
    public static TcpFaultProxy proxy() {
        return proxy;
    }
}
