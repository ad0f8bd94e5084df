package place.career.notifier.mail;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SendRateLimiterTest {

    @Test
    void capsSendsPerSecond() throws InterruptedException {
        SendRateLimiter limiter = new SendRateLimiter(20);
        long start = System.nanoTime();

        for (int i = 0; i < 21; i++) {
            limiter.acquire();
        }

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(
                elapsedMillis >= 950,
                "21 permits at 20/s starting from one token take a second, took "
                        + elapsedMillis
                        + " ms");
    }

    @Test
    void rejectsNonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new SendRateLimiter(0));
    }
}
