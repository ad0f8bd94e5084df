package place.career.leversync.work;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt n waits a random time between 0 and
 * {@code min(max, initial * 2^(n-1))}, and at least what Lever asked for with Retry-After.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** Returns the delay before retrying after {@code attempts} failed attempts (1 or more). */
    Duration delay(int attempts, Duration retryAfter) {
        int exponent = Math.min(Math.max(attempts - 1, 0), 30);
        long ceilingMillis = Math.min(max.toMillis(), initial.toMillis() << exponent);
        if (ceilingMillis <= 0) {
            ceilingMillis = max.toMillis();
        }
        Duration jittered = Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceilingMillis + 1));
        if (retryAfter != null && retryAfter.compareTo(jittered) > 0) {
            return retryAfter;
        }
        return jittered;
    }
}
