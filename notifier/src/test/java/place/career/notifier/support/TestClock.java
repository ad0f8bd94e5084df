package place.career.notifier.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that does not move until a test advances it. Every test of the JVM shares it. */
public final class TestClock extends Clock {

    private static final TestClock INSTANCE = new TestClock(Instant.now());

    private final AtomicReference<Instant> now;

    private TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Returns the clock that the application under test uses. */
    public static TestClock get() {
        return INSTANCE;
    }

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(
                    "The test clock only moves forward, got " + duration);
        }
        now.updateAndGet(current -> current.plus(duration));
    }

    /** Moves the clock forward to an instant; an instant in the past leaves it where it is. */
    public void advanceTo(Instant target) {
        now.updateAndGet(current -> current.isBefore(target) ? target : current);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Tests use UTC instants only");
    }
}
