package place.career.notifier.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import place.career.notifier.config.NotifierConfig;

/**
 * Token bucket that caps the e-mails this replica hands to SMTP per real second. The bucket
 * contains at most one second of tokens, so after an idle period at most one second's worth of
 * mails goes out at once. The limit is per replica, so the SMTP server gets up to the number of
 * replicas times the rate.
 */
@ApplicationScoped
public class SendRateLimiter {

    private final double permitsPerNano;
    private final double capacity;
    private double available;
    private long lastRefill;

    @Inject
    public SendRateLimiter(NotifierConfig config) {
        this(config.mail().ratePerSecond());
    }

    /**
     * Creates a limiter.
     *
     * @throws IllegalArgumentException when the rate is not positive
     */
    public SendRateLimiter(double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException(
                    "notifier.mail.rate-per-second must be positive, got " + ratePerSecond);
        }
        this.permitsPerNano = ratePerSecond / 1e9;
        this.capacity = Math.max(1, ratePerSecond);
        this.available = 1;
        this.lastRefill = System.nanoTime();
    }

    /** Blocks until one send is allowed. */
    public void acquire() throws InterruptedException {
        long waitNanos;
        while ((waitNanos = tryAcquire()) > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    // Returns 0 when a permit was taken, otherwise the nanoseconds until one is available.
    private synchronized long tryAcquire() {
        long now = System.nanoTime();
        available = Math.min(capacity, available + (now - lastRefill) * permitsPerNano);
        lastRefill = now;
        if (available >= 1) {
            available -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - available) / permitsPerNano);
    }
}
