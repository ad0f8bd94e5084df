package place.career.notifier.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;

import place.career.notifier.support.NotifierFixtures;
import place.career.notifier.support.NotifierFixtures.Candidate;
import place.career.notifier.support.NotifierTestBase;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Runs the notifier configured for an accelerated clock. The test clock still drives time, but the
 * service must count each schedule from receipt, because occurredAt comes from the real clock.
 */
@QuarkusTest
@TestProfile(AcceleratedScheduleTest.AcceleratedClock.class)
class AcceleratedScheduleTest extends NotifierTestBase {

    /** Sets the clock speed that the local stack uses. */
    public static class AcceleratedClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notifier.clock.speed", "3600");
        }
    }

    @Test
    void scheduleCountsFromReceipt() {
        Candidate candidate = NotifierFixtures.newCandidate();
        Instant receivedAt = clock.instant();
        Instant realClockStamp = receivedAt.minus(Duration.ofDays(30));

        invite(candidate, realClockStamp);

        awaitMailCount(candidate, 1);
        assertEquals("PENDING", table().state(candidate.funnelId(), "REMINDER-1"));
        assertEquals("PENDING", table().state(candidate.funnelId(), "OPT_OUT-0"));
        Instant firstReminder = receivedAt.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MICROS);
        String dueAt = table().timerColumn(candidate.funnelId(), "REMINDER-1", "due_at");
        assertEquals(firstReminder, Instant.parse(dueAt));
        clock.advanceTo(receivedAt.plus(Duration.ofDays(2)));
        awaitMailCount(candidate, 2);
    }
}
