package place.career.notifier.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the notifier's tables in tests. */
public final class TimerTable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;

    public TimerTable(Pool pool) {
        this.pool = pool;
    }

    /** Returns the state of each timer of a funnel, keyed like {@code REMINDER-2}, in due order. */
    public Map<String, String> states(String funnelId) {
        Map<String, String> states = new LinkedHashMap<>();
        for (Row row :
                pool.preparedQuery(
                                """
                                SELECT kind, sequence,
                                    state FROM notifier.timer WHERE funnel_id = $1
                                ORDER BY due_at, id\
                                """)
                        .execute(Tuple.of(funnelId))
                        .await()
                        .atMost(TIMEOUT)) {
            states.put(
                    row.getString("kind") + "-" + row.getInteger("sequence"),
                    row.getString("state"));
        }
        return states;
    }

    /** Returns the state of one timer of a funnel, or null when there is none. */
    public String state(String funnelId, String timer) {
        return states(funnelId).get(timer);
    }

    /**
     * Returns one column of a timer as text, with timestamps in ISO-8601 with an offset.
     *
     * @param timer a key like {@code REMINDER-2}
     */
    public String timerColumn(String funnelId, String timer, String column) {
        String[] kindAndSequence = timer.split("-");
        var rows =
                pool.preparedQuery(
                                "SELECT to_json("
                                        + column
                                        + ") #>> '{}' AS value FROM notifier.timer "
                                        + "WHERE funnel_id = $1 AND kind = $2 AND sequence = $3")
                        .execute(
                                Tuple.of(
                                        funnelId,
                                        kindAndSequence[0],
                                        Integer.parseInt(kindAndSequence[1])))
                        .await()
                        .atMost(TIMEOUT);
        return rows.size() == 0 ? null : rows.iterator().next().getString("value");
    }

    /** Returns one column of the funnel's invitation row, or null. */
    public String invitationColumn(String funnelId, String column) {
        var rows =
                pool.preparedQuery(
                                "SELECT "
                                        + column
                                        + "::text AS value FROM notifier.invitation WHERE funnel_id"
                                        + " = $1")
                        .execute(Tuple.of(funnelId))
                        .await()
                        .atMost(TIMEOUT);
        return rows.size() == 0 ? null : rows.iterator().next().getString("value");
    }

    /** Returns the mail log state of one timer's Message-ID, or null when it was never sent. */
    public String mailLogState(String funnelId, String timer) {
        String[] kindAndSequence = timer.split("-");
        var rows =
                pool.preparedQuery(
                                """
                                SELECT m.state
                                    FROM notifier.mail_log m JOIN notifier.timer t ON t.id
                                        = m.timer_id
                                WHERE t.funnel_id = $1 AND t.kind = $2 AND t.sequence = $3\
                                """)
                        .execute(
                                Tuple.of(
                                        funnelId,
                                        kindAndSequence[0],
                                        Integer.parseInt(kindAndSequence[1])))
                        .await()
                        .atMost(TIMEOUT);
        return rows.size() == 0 ? null : rows.iterator().next().getString("state");
    }

    /** Returns the stored status of an installation, or null. */
    public String installationStatus(String installationId) {
        var rows =
                pool.preparedQuery(
                                "SELECT status FROM notifier.installation WHERE installation_id ="
                                        + " $1")
                        .execute(Tuple.of(installationId))
                        .await()
                        .atMost(TIMEOUT);
        return rows.size() == 0 ? null : rows.iterator().next().getString("status");
    }

    /** Returns the number of outbox rows written for the funnel. */
    public int outboxRows(String funnelId) {
        var rows =
                pool.preparedQuery(
                                "SELECT count(*) AS n FROM notifier.outcome_outbox WHERE"
                                    + " convert_from(payload, 'UTF8')::jsonb ->> 'funnelId' = $1")
                        .execute(Tuple.of(funnelId))
                        .await()
                        .atMost(TIMEOUT);
        return rows.iterator().next().getInteger("n");
    }

    /** Returns the unsubscribe token of the funnel. */
    public String unsubscribeToken(String funnelId) {
        return invitationColumn(funnelId, "unsubscribe_token");
    }

    /** Runs a statement, for tests that arrange rows directly. */
    public void execute(String sql, Tuple arguments) {
        pool.preparedQuery(sql).execute(arguments).await().atMost(TIMEOUT);
    }
}
