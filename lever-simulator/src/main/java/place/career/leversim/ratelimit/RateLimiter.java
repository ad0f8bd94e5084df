package place.career.leversim.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Per-account token buckets in front of the Data API. Lever documents a token bucket of 10
 * requests per second that allows bursts up to 20, and those are the defaults. Buckets use
 * wall-clock time even when the simulator's clock is replaced, because tests drive real request
 * rates.
 */
public final class RateLimiter {

    public static final double DEFAULT_PER_SECOND = 10.0;
    public static final int DEFAULT_BURST = 20;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rejectedByAccount = new ConcurrentHashMap<>();
    private final AtomicLong rejected = new AtomicLong();
    private final LongSupplier nanoTime;
    private volatile double perSecond = DEFAULT_PER_SECOND;
    private volatile int burst = DEFAULT_BURST;
    private volatile boolean enabled = true;

    public RateLimiter() {
        this(System::nanoTime);
    }

    RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Replaces the limits and empties all buckets, which then start full again. */
    public synchronized void configure(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException(
                    "Rate must be positive and burst at least 1: " + perSecond + ", " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        buckets.clear();
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Takes a token from the account's bucket. False means the request gets 429. */
    public boolean tryAcquire(String accountId) {
        if (!enabled) {
            return true;
        }
        TokenBucket bucket = buckets.computeIfAbsent(
                accountId, id -> new TokenBucket(perSecond, burst, nanoTime.getAsLong()));
        if (bucket.tryTake(nanoTime.getAsLong())) {
            return true;
        }
        rejected.incrementAndGet();
        rejectedByAccount.computeIfAbsent(accountId, id -> new AtomicLong()).incrementAndGet();
        return false;
    }

    /** Returns the number of requests rejected with 429 since the last reset. */
    public long rejectedCount() {
        return rejected.get();
    }

    public long rejectedCount(String accountId) {
        AtomicLong count = rejectedByAccount.get(accountId);
        return count == null ? 0 : count.get();
    }

    /** Restores the default limits, enables limiting and zeroes the counters. */
    public synchronized void reset() {
        perSecond = DEFAULT_PER_SECOND;
        burst = DEFAULT_BURST;
        enabled = true;
        buckets.clear();
        rejectedByAccount.clear();
        rejected.set(0);
    }
}
