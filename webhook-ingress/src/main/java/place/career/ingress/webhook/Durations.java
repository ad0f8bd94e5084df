package place.career.ingress.webhook;

import java.time.Duration;

/** Formatting of durations for error messages, as in "15 days" or "5 minutes". */
final class Durations {

    private Durations() {}

    /** Returns the duration in the largest whole unit of days, hours, minutes or seconds. */
    static String readable(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return plural(seconds / 3_600, "hour");
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
