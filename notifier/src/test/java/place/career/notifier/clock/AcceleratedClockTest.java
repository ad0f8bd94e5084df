package place.career.notifier.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

class AcceleratedClockTest {

    private static final Instant ANCHOR = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void oneRealSecondIsOneSimulatedHour() {
        Clock real = Clock.fixed(ANCHOR.plusSeconds(7), ZoneOffset.UTC);

        AcceleratedClock clock = new AcceleratedClock(real, ANCHOR, 3600);

        assertEquals(ANCHOR.plus(Duration.ofHours(7)), clock.instant());
    }

    @Test
    void agreesWithRealClockAtAnchor() {
        Clock real = Clock.fixed(ANCHOR, ZoneOffset.UTC);

        assertEquals(ANCHOR, new AcceleratedClock(real, ANCHOR, 3600).instant());
    }

    @Test
    void rejectsSpeedBelowOne() {
        Clock real = Clock.systemUTC();

        assertThrows(IllegalArgumentException.class, () -> new AcceleratedClock(real, ANCHOR, 0.5));
    }
}
