package place.career.leversync.work;

import java.util.function.LongSupplier;

/**
 * Token bucket of one installation's Lever requests. Callers reserve a token and wait the
 * returned time, so concurrent callers are served in reservation order and the bucket may go
 * negative while reservations wait. Thread-safe.
 */
final class RequestBudget {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final double perSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long updatedNanos;

    /**
     * @param perSecond refill rate in tokens per second
     * @param capacity largest number of stored tokens
     * @param initialTokens tokens at start, at most {@code capacity}
     */
    RequestBudget(double perSecond, double capacity, double initialTokens, LongSupplier nanoTime) {
        if (perSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("Rate must be positive and capacity at least 1, got "
                    + perSecond + " and " + capacity);
        }
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        this.tokens = Math.min(capacity, Math.max(0, initialTokens));
        this.updatedNanos = nanoTime.getAsLong();
    }

    /** Takes one token and returns how long the caller must wait before using it, in nanoseconds. */
    synchronized long reserve() {
        refill();
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * NANOS_PER_SECOND);
    }

    /** Returns the tokens available now; negative while reservations wait. */
    synchronized double available() {
        refill();
        return tokens;
    }

    /** Empties the bucket so that the next token is available only after {@code delayNanos}. */
    synchronized void drainFor(long delayNanos) {
        refill();
        double owed = delayNanos / NANOS_PER_SECOND * perSecond;
        tokens = Math.min(tokens, -owed);
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - updatedNanos) / NANOS_PER_SECOND * perSecond);
        updatedNanos = now;
    }
}
