package place.career.ingress.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readableUsesLargestWholeUnit() {
        assertEquals("15 days", Durations.readable(Duration.ofDays(15)));
        assertEquals("1 day", Durations.readable(Duration.ofHours(24)));
        assertEquals("36 hours", Durations.readable(Duration.ofHours(36)));
        assertEquals("5 minutes", Durations.readable(Duration.ofMinutes(5)));
        assertEquals("90 seconds", Durations.readable(Duration.ofSeconds(90)));
        assertEquals("0 seconds", Durations.readable(Duration.ZERO));
    }
}
