package place.career.leversim.state;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Clock behind every timestamp and expiry in the simulator. Tests may swap the clock it reads
 * while the simulator runs.
 */
public final class SimClock extends Clock {

    private volatile Clock delegate = Clock.systemUTC();

    public void set(Clock clock) {
        this.delegate = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Instant instant() {
        return delegate.instant();
    }

    /** Returns the current time in epoch milliseconds, the unit of every Lever timestamp. */
    @Override
    public long millis() {
        return delegate.millis();
    }

    @Override
    public ZoneId getZone() {
        return delegate.getZone();
    }

    /** Returns the current delegate in {@code zone}, which does not follow later calls to set. */
    @Override
    public Clock withZone(ZoneId zone) {
        return delegate.withZone(zone);
    }
}
