package place.career.notifier.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Conversions between {@link Instant} and the {@code OffsetDateTime} the PostgreSQL client binds.
 */
public final class Timestamps {

    private Timestamps() {}

    /** Converts an instant to a UTC offset date-time, or null to null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Converts a date-time read from a TIMESTAMPTZ column to an instant, or null to null. */
    public static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
