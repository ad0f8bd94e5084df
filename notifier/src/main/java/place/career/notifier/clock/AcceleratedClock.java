package place.career.notifier.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code speed} times faster than a base clock from an anchor instant on. At the
 * anchor both clocks agree; afterwards every real second adds {@code speed} simulated seconds.
 */
public final class AcceleratedClock extends Clock {

    private final Clock base;
    private final Instant anchor;
    private final double speed;

    /**
     * Creates an accelerated clock.
     *
     * @param base the real clock
     * @param anchor the real instant at which both clocks agree
     * @param speed simulated seconds per real second, at least 1
     * @throws IllegalArgumentException when the speed is below 1 or not a number
     */
    public AcceleratedClock(Clock base, Instant anchor, double speed) {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("Clock speed must be at least 1, got " + speed);
        }
        this.base = base;
        this.anchor = anchor;
        this.speed = speed;
    }

    @Override
    public Instant instant() {
        Duration real = Duration.between(anchor, base.instant());
        long simulatedNanos = (long) (real.toNanos() * speed);
        return anchor.plusNanos(simulatedNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The notifier works in UTC instants only");
    }

    /** Simulated seconds per real second. */
    public double speed() {
        return speed;
    }
}
