package place.career.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Creates the role and databases that the services use on a running PostgreSQL server. Every
 * operation is idempotent, so tests and the local stack call it on each start.
 *
 * <p>The server and the administrator account come from the environment: {@code CPL_DB_HOST}
 * (default 127.0.0.1), {@code CPL_DB_PORT} (5432), {@code CPL_DB_ADMIN_USER} (postgres) and
 * {@code CPL_DB_ADMIN_PASSWORD} (empty).
 */
public final class Postgres {

    /** Role that owns the databases and that the services log in as. */
    public static final String ROLE = "cpl";

    /** Password of {@link #ROLE}. It only guards local development and test databases. */
    public static final String ROLE_PASSWORD = "cpl";

    /** Database of the local stack. */
    public static final String STACK_DATABASE = "careerplace_lever";

    /** Database of the tests. */
    public static final String TEST_DATABASE = "cpl_test";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String HELP = "Start PostgreSQL or point CPL_DB_HOST, CPL_DB_PORT, "
            + "CPL_DB_ADMIN_USER and CPL_DB_ADMIN_PASSWORD at a server you can administer; see "
            + "the section \"PostgreSQL\" in local-stack/README.md.";

    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;

    public Postgres(String host, int port, String adminUser, String adminPassword) {
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** Reads the server and administrator account from the {@code CPL_DB_*} variables. */
    public static Postgres fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static Postgres fromEnvironment(Map<String, String> env) {
        String portText = env.getOrDefault("CPL_DB_PORT", "5432");
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CPL_DB_PORT is not a port number: " + portText, e);
        }
        return new Postgres(env.getOrDefault("CPL_DB_HOST", "127.0.0.1"), port,
                env.getOrDefault("CPL_DB_ADMIN_USER", "postgres"),
                env.getOrDefault("CPL_DB_ADMIN_PASSWORD", ""));
    }

    /**
     * Ensures {@link #ROLE} and the given databases exist, each owned by the role. When the role
     * can already log in to every database, no administrator login is needed, so a server
     * prepared by {@code psql} works without {@code CPL_DB_ADMIN_PASSWORD}.
     *
     * @throws IllegalStateException when something is missing and the server is unreachable or
     *     rejects the administrator
     */
    public void ensureRoleAndDatabases(String... databases) {
        boolean ready = true;
        for (String database : databases) {
            ready = ready && roleCanConnect(database);
        }
        if (ready) {
            return;
        }
        ensureRole(ROLE, ROLE_PASSWORD);
        for (String database : databases) {
            ensureDatabase(database, ROLE);
        }
    }

    private boolean roleCanConnect(String database) {
        Properties properties = new Properties();
        properties.setProperty("user", ROLE);
        properties.setProperty("password", ROLE_PASSWORD);
        properties.setProperty("connectTimeout", "5");
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), properties)) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Creates a login role with the password unless a role of that name exists. An existing
     * role keeps its password.
     *
     * @throws IllegalStateException when the server is unreachable or rejects the administrator
     */
    public void ensureRole(String role, String password) {
        requireIdentifier(role);
        String literal = "'" + password.replace("'", "''") + "'";
        String create = "CREATE ROLE " + role + " LOGIN PASSWORD " + literal;
        ensure("role " + role, "SELECT 1 FROM pg_roles WHERE rolname = ?", role, create);
    }

    /**
     * Creates a database owned by {@code owner} unless a database of that name exists. An
     * existing database keeps its owner.
     *
     * @throws IllegalStateException when the server is unreachable or rejects the administrator
     */
    public void ensureDatabase(String database, String owner) {
        requireIdentifier(database);
        requireIdentifier(owner);
        String create = "CREATE DATABASE " + database + " OWNER " + owner;
        ensure("database " + database, "SELECT 1 FROM pg_database WHERE datname = ?", database,
                create);
    }

    /** Returns the JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Returns the URL of a database in the form the Vert.x reactive client expects. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    private void ensure(String objectName, String existsQuery, String name,
            String createStatement) {
        try (Connection connection = connectAsAdmin()) {
            if (exists(connection, existsQuery, name)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(createStatement);
            }
        } catch (SQLException e) {
            if (isAlreadyCreated(e)) {
                return; // Another test JVM created it between the check and the CREATE.
            }
            throw failure("Could not create " + objectName, e);
        }
    }

    private static boolean exists(Connection connection, String query, String name)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private Connection connectAsAdmin() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", adminUser);
        properties.setProperty("password", adminPassword);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("ApplicationName", "local-stack");
        return DriverManager.getConnection(jdbcUrl("postgres"), properties);
    }

    private IllegalStateException failure(String action, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = host + ":" + port;
        if (e.getCause() instanceof java.io.IOException) {
            return new IllegalStateException("PostgreSQL is not reachable at " + server + " ("
                    + e.getMessage() + "). " + HELP, e);
        }
        // 28xxx: invalid authorization. 08004: the server rejected the connection, which the
        // driver also reports when the server requires a password and none is configured.
        if (state.startsWith("28") || state.equals("08004")) {
            return new IllegalStateException("PostgreSQL at " + server + " rejected the "
                    + "administrator login '" + adminUser + "' (" + e.getMessage() + "). " + HELP,
                    e);
        }
        return new IllegalStateException(action + " on PostgreSQL at " + server + ": "
                + e.getMessage(), e);
    }

    /** Returns true for a duplicate role (42710), database (42P04) or catalog row (23505). */
    private static boolean isAlreadyCreated(SQLException e) {
        String state = e.getSQLState();
        return "42710".equals(state) || "42P04".equals(state) || "23505".equals(state);
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case SQL identifier: " + name);
        }
    }

    /**
     * Ensures the role and both databases exist on the server named by the {@code CPL_DB_*}
     * variables, for scripts that prepare the database before services start.
     */
    public static void main(String[] args) {
        Postgres postgres = fromEnvironment();
        postgres.ensureRoleAndDatabases(STACK_DATABASE, TEST_DATABASE);
        System.out.printf("PostgreSQL %s:%d: role %s and databases %s, %s are present%n",
                postgres.host(), postgres.port(), ROLE, STACK_DATABASE, TEST_DATABASE);
    }
}
