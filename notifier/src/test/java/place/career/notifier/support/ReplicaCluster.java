package place.career.notifier.support;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import place.career.localstack.ServiceProcess;
import place.career.localstack.SmtpSink;
import place.career.testsupport.KafkaBrokerResource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packaged notifier replicas, each its own JVM, sharing one real broker, one PostgreSQL schema and
 * one GreenMail server. Used by the integration tests and the benchmark, which need replicas that
 * can be killed and that compete for the same timer rows.
 */
public final class ReplicaCluster implements AutoCloseable {

    private final TestDatabase testDatabase;
    private final Map<String, String> database;
    private final String bootstrapServers;
    private final SmtpSink smtp;
    private final Map<String, String> replicaSettings;
    private final List<ServiceProcess> replicas = new ArrayList<>();

    /**
     * Starts the servers and creates an empty database of the cluster's own.
     *
     * @param replicaSettings notifier settings passed to every replica as system properties
     */
    public ReplicaCluster(Map<String, String> replicaSettings) {
        this.testDatabase = new TestDatabase();
        this.database = testDatabase.datasourceSettings();
        this.bootstrapServers = KafkaBrokerResource.bootstrapServers();
        this.smtp = SmtpSink.start(0);
        this.replicaSettings = Map.copyOf(replicaSettings);
    }

    /** Starts one more replica and waits until it is ready. The first one runs the migrations. */
    public ServiceProcess startReplica(String instanceId) {
        Map<String, String> properties = new HashMap<>(database);
        properties.putAll(replicaSettings);
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("quarkus.mailer.host", smtp.host());
        properties.put("quarkus.mailer.port", Integer.toString(smtp.port()));
        properties.put("notifier.instance-id", instanceId);
        ServiceProcess replica =
                ServiceProcess.builder("notifier")
                        .systemProperties(properties)
                        .logFile(Path.of("target", instanceId + ".log").toAbsolutePath())
                        .readyTimeout(Duration.ofSeconds(120))
                        .start();
        replicas.add(replica);
        return replica;
    }

    /** Returns the SMTP server every replica sends to. */
    public GreenMail greenMail() {
        return smtp.greenMail();
    }

    /** Returns how often each Message-ID reached the SMTP server. */
    public Map<String, Integer> receivedMessageIds() {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage message : smtp.greenMail().getReceivedMessages()) {
            try {
                counts.merge(message.getMessageID(), 1, Integer::sum);
            } catch (MessagingException e) {
                throw new IllegalStateException("Could not read a received Message-ID", e);
            }
        }
        return counts;
    }

    /**
     * Inserts invitations whose invitation e-mail is due at {@code dueAt}, straight into the
     * tables, so that thousands of timers exist before any replica polls.
     *
     * @param prefix unique prefix of the funnel ids of this batch
     */
    public void insertDueInvitations(String prefix, int count, Instant dueAt) {
        insertSpreadInvitations(prefix, count, dueAt, Duration.ZERO);
    }

    /**
     * Inserts invitations whose e-mails fall due one after another, {@code spacing} apart from
     * {@code firstDueAt} on, for a steady arrival rate.
     */
    public void insertSpreadInvitations(
            String prefix, int count, Instant firstDueAt, Duration spacing) {
        insertInvitations(prefix, count, firstDueAt);
        executeUpdate(
                """
                INSERT INTO notifier.timer (funnel_id, installation_id, kind, sequence, due_at,
                    fire_at, state)
                SELECT ? || g, 'inst-load', 'INVITATION', 0, due, due, 'PENDING'
                FROM generate_series(1, ?) g,
                     LATERAL (SELECT ?::timestamptz + (g - 1) * ? * INTERVAL '1 microsecond' AS
                         due) d\
                """,
                prefix,
                count,
                utc(firstDueAt),
                spacing.toNanos() / 1000);
    }

    /** Inserts invitations with one pending reminder each, due at {@code dueAt}. */
    public void insertPendingReminders(String prefix, int count, Instant dueAt) {
        insertInvitations(prefix, count, dueAt.minus(Duration.ofDays(2)));
        executeUpdate(
                """
                INSERT INTO notifier.timer (funnel_id, installation_id, kind, sequence, due_at,
                    fire_at, state)
                SELECT ? || g, 'inst-load', 'REMINDER', 1, ?, ?, 'PENDING' FROM generate_series(1,
                    ?) g\
                """,
                prefix,
                utc(dueAt),
                utc(dueAt),
                count);
    }

    private void insertInvitations(String prefix, int count, Instant invitedAt) {
        executeUpdate(
                """
                INSERT INTO notifier.invitation (funnel_id, invitation_id, installation_id,
                    opportunity_id,
                    job_title, candidate_name, candidate_email, unsubscribe_token, invited_at,
                        opt_out_at,
                    status_version, funnel_status, created_at)
                SELECT ? || g, 'inv-' || ? || g, 'inst-load', 'opp-' || ? || g, 'Engineer', 'Zoë',
                       ? || g || '@load.example.org', md5(? || g) || md5(g::text), ?,
                           ? + INTERVAL '420 hours',
                       1, 'INVITED', now()
                FROM generate_series(1, ?) g\
                """,
                prefix,
                prefix,
                prefix,
                prefix,
                prefix,
                utc(invitedAt),
                utc(invitedAt),
                count);
    }

    /** Returns how many timers of the batch are in each state. */
    public Map<String, Integer> timerStates(String prefix) {
        Map<String, Integer> states = new HashMap<>();
        query(
                "SELECT state, count(*) FROM notifier.timer WHERE funnel_id LIKE ? || '%' GROUP BY"
                        + " state",
                rows -> states.put(rows.getString(1), rows.getInt(2)), prefix);
        return states;
    }

    /** Returns how many mails of the batch each replica had accepted by the SMTP server. */
    public Map<String, Integer> acceptedPerReplica(String prefix) {
        Map<String, Integer> counts = new HashMap<>();
        query(
                "SELECT owner, count(*) FROM notifier.timer WHERE funnel_id LIKE ? || '%' AND state"
                        + " = 'DONE' GROUP BY owner",
                rows -> counts.put(rows.getString(1), rows.getInt(2)), prefix);
        return counts;
    }

    /**
     * Returns the lag in milliseconds from each accepted mail's due instant to its acceptance by
     * the SMTP server, ascending.
     */
    public List<Double> lagMillis(String prefix) {
        List<Double> lags = new ArrayList<>();
        query(
                """
                SELECT EXTRACT(EPOCH FROM (m.accepted_at - t.due_at)) * 1000
                    FROM notifier.mail_log m
                JOIN notifier.timer t ON t.id = m.timer_id
                WHERE t.funnel_id LIKE ? || '%' AND m.state = 'ACCEPTED' ORDER BY 1\
                """,
                rows -> lags.add(rows.getDouble(1)), prefix);
        return lags;
    }

    /** Returns the first and last acceptance instants of the batch. */
    public Instant[] acceptedBetween(String prefix) {
        Instant[] range = new Instant[2];
        query(
                """
                SELECT min(m.accepted_at), max(m.accepted_at) FROM notifier.mail_log m
                JOIN notifier.timer t ON t.id = m.timer_id
                WHERE t.funnel_id LIKE ? || '%' AND m.state = 'ACCEPTED'\
                """,
                rows -> {
                    range[0] = rows.getTimestamp(1).toInstant();
                    range[1] = rows.getTimestamp(2).toInstant();
                },
                prefix);
        return range;
    }

    /** Kills a replica with SIGKILL, as a crash or an OOM kill would, without any shutdown. */
    public void kill(ServiceProcess replica) {
        ProcessHandle.of(replica.pid()).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(replica.pid()).ifPresent(handle -> handle.onExit().join());
    }

    @Override
    public void close() {
        replicas.forEach(ServiceProcess::close);
        smtp.close();
        testDatabase.close();
    }

    private interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    private void query(String sql, RowHandler handler, Object... arguments) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, arguments);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.accept(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }

    private void executeUpdate(String sql, Object... arguments) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, arguments);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + sql, e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void bind(PreparedStatement statement, Object... arguments) throws SQLException {
        for (int i = 0; i < arguments.length; i++) {
            statement.setObject(i + 1, arguments[i]);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                database.get("quarkus.datasource.jdbc.url"),
                database.get("quarkus.datasource.username"),
                database.get("quarkus.datasource.password"));
    }
}
