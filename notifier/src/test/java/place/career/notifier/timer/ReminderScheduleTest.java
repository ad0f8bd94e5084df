package place.career.notifier.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

class ReminderScheduleTest {

    private static final List<Duration> DEFAULT_REMINDERS =
            List.of(
                    Duration.ofDays(2),
                    Duration.ofDays(5),
                    Duration.ofDays(9),
                    Duration.ofDays(14));
    private static final Duration OPT_OUT_AFTER = Duration.ofHours(420);

    private final ReminderSchedule schedule =
            new ReminderSchedule(DEFAULT_REMINDERS, OPT_OUT_AFTER);

    @Test
    void defaultScheduleHasSixTimers() {
        Instant invitedAt = Instant.parse("2026-12-01T10:15:30Z");

        List<ScheduledTimer> timers = schedule.timersFor(invitedAt);

        assertEquals(
                List.of(
                        new ScheduledTimer(TimerKind.INVITATION, 0, invitedAt),
                        new ScheduledTimer(
                                TimerKind.REMINDER, 1, Instant.parse("2026-12-03T10:15:30Z")),
                        new ScheduledTimer(
                                TimerKind.REMINDER, 2, Instant.parse("2026-12-06T10:15:30Z")),
                        new ScheduledTimer(
                                TimerKind.REMINDER, 3, Instant.parse("2026-12-10T10:15:30Z")),
                        new ScheduledTimer(
                                TimerKind.REMINDER, 4, Instant.parse("2026-12-15T10:15:30Z")),
                        new ScheduledTimer(
                                TimerKind.OPT_OUT, 0, Instant.parse("2026-12-18T22:15:30Z"))),
                timers);
    }

    @Test
    void springForwardKeepsExactHours() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant invitedAt = ZonedDateTime.of(2027, 3, 26, 9, 0, 0, 0, berlin).toInstant();

        List<ScheduledTimer> timers = schedule.timersFor(invitedAt);

        Instant firstReminder = timers.get(1).dueAt();
        assertEquals(Duration.ofHours(48), Duration.between(invitedAt, firstReminder));
        assertEquals(
                10,
                firstReminder.atZone(berlin).getHour(),
                "the wall clock moved, the instant did not");
    }

    @Test
    void fallBackKeepsExactHours() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant invitedAt = ZonedDateTime.of(2026, 10, 30, 9, 0, 0, 0, newYork).toInstant();

        List<ScheduledTimer> timers = schedule.timersFor(invitedAt);

        assertEquals(Duration.ofHours(48), Duration.between(invitedAt, timers.get(1).dueAt()));
        assertEquals(8, timers.get(1).dueAt().atZone(newYork).getHour());
        assertEquals(OPT_OUT_AFTER, Duration.between(invitedAt, timers.get(5).dueAt()));
    }

    @Test
    void rejectsRemindersOutOfOrder() {
        List<Duration> unordered = List.of(Duration.ofDays(5), Duration.ofDays(2));

        assertThrows(
                IllegalArgumentException.class,
                () -> new ReminderSchedule(unordered, OPT_OUT_AFTER));
    }

    @Test
    void rejectsReminderAfterOptOut() {
        List<Duration> late = List.of(Duration.ofDays(2), Duration.ofDays(18));

        assertThrows(
                IllegalArgumentException.class, () -> new ReminderSchedule(late, OPT_OUT_AFTER));
    }
}
