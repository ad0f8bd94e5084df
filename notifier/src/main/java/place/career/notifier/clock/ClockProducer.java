package place.career.notifier.clock;

import io.quarkus.logging.Log;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import place.career.notifier.config.NotifierConfig;

import java.time.Clock;
import java.time.Instant;

/**
 * Produces the clock behind every schedule decision: the UTC system clock, or an accelerated one.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(NotifierConfig config) {
        double speed = config.clock().speed();
        if (speed == 1) {
            return Clock.systemUTC();
        }
        Instant anchor = config.clock().anchor().orElseGet(Instant::now);
        Log.infof("Running on an accelerated clock: speed=%.0f anchor=%s", speed, anchor);
        return new AcceleratedClock(Clock.systemUTC(), anchor, speed);
    }
}
