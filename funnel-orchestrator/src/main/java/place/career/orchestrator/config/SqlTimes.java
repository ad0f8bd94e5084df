package place.career.orchestrator.config;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Converts between {@link Instant} and the {@code timestamptz} values of the reactive PostgreSQL client. */
public final class SqlTimes {

    private SqlTimes() {}

    /** Converts an instant to the UTC offset date-time that the client binds to {@code timestamptz}, keeping null. */
    public static OffsetDateTime toSql(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Reads a {@code timestamptz} column as an instant, or null for SQL null. */
    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
