package place.career.notifier.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import place.career.notifier.config.NotifierConfig;

/**
 * Token bucket that caps the e-mails this replica hands to SMTP per real second. The bucket holds
 * one second of tokens, so a burst never exceeds the configured rate. The limit is per replica:
 * the SMTP server sees up to replicas times the rate.
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
            throw new IllegalArgumentException("notifier.mail.rate-per-second must be positive, got " + ratePerSecond);
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
