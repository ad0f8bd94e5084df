package place.career.leversim.ratelimit;

/**
 * Token bucket that refills continuously at {@code perSecond} up to {@code capacity} tokens and
 * starts full. Time comes from the caller in nanoseconds so tests can drive it.
 */
final class TokenBucket {

    private final double perSecond;
    private final int capacity;
    private double tokens;
    private long lastRefillNanos;

    TokenBucket(double perSecond, int capacity, long nowNanos) {
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    synchronized boolean tryTake(long nowNanos) {
        double elapsedSeconds = (nowNanos - lastRefillNanos) / 1_000_000_000.0;
        tokens = Math.min(capacity, tokens + elapsedSeconds * perSecond);
        lastRefillNanos = nowNanos;
        if (tokens < 1.0) {
            return false;
        }
        tokens -= 1.0;
        return true;
    }
}
