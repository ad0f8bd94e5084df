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
        for (Row row : pool.preparedQuery("""
                        SELECT kind, sequence, state FROM notifier.timer WHERE funnel_id = $1
                        ORDER BY due_at, id""")
                .execute(Tuple.of(funnelId)).await().atMost(TIMEOUT)) {
            states.put(row.getString("kind") + "-" + row.getInteger("sequence"), row.getString("state"));
        }
        return states;
    }

    /** Returns the state of one timer of a funnel, or null when there is none. */
    public String state(String funnelId, String timer) {
        return states(funnelId).get(timer);
    }

    /** Returns one column of the funnel's invitation row, or null. */
    public String invitationColumn(String funnelId, String column) {
        var rows = pool.preparedQuery("SELECT " + column + "::text AS value FROM notifier.invitation WHERE funnel_id = $1")
                .execute(Tuple.of(funnelId)).await().atMost(TIMEOUT);
        return rows.size() == 0 ? null : rows.iterator().next().getString("value");
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
