package place.career.leversim.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long MILLISECOND = 1_000_000L;

    private final AtomicLong nanos = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(nanos::get);

    @Test
    void burstOfTwentyThenRejects() {
        int accepted = 0;
        for (int i = 0; i < 25; i++) {
            if (limiter.tryAcquire("a")) {
                accepted++;
            }
        }

        assertEquals(20, accepted);
        assertEquals(5, limiter.rejectedCount());
        assertEquals(5, limiter.rejectedCount("a"));
    }

    @Test
    void refillsTenPerSecond() {
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire("a");
        }

        nanos.addAndGet(99 * MILLISECOND);
        boolean before = limiter.tryAcquire("a");
        nanos.addAndGet(MILLISECOND);
        boolean after = limiter.tryAcquire("a");

        assertFalse(before);
        assertTrue(after);
    }

    @Test
    void steadyTenPerSecondNeverRejects() {
        for (int i = 0; i < 1_000; i++) {
            assertTrue(limiter.tryAcquire("a"), "request " + i);
            nanos.addAndGet(100 * MILLISECOND);
        }

        assertEquals(0, limiter.rejectedCount());
    }

    @Test
    void bucketsArePerAccount() {
        limiter.configure(1, 1);

        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("b"));
    }

    @Test
    void disabledLimiterAcceptsAll() {
        limiter.setEnabled(false);

        for (int i = 0; i < 100; i++) {
            assertTrue(limiter.tryAcquire("a"));
        }
    }
}
