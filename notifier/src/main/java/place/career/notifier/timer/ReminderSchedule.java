package place.career.notifier.timer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import place.career.notifier.config.NotifierConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a candidate's timers from the invitation instant. Every offset is an exact duration
 * added to an absolute instant, so a daylight-saving change in the candidate's zone never shifts a
 * reminder: "two days later" is always 48 hours later.
 */
@ApplicationScoped
public class ReminderSchedule {

    private final List<Duration> reminderOffsets;
    private final Duration optOutAfter;

    @Inject
    public ReminderSchedule(NotifierConfig config) {
        this(config.schedule().reminders(), config.schedule().optOutAfter());
    }

    /**
     * Creates a schedule from explicit offsets.
     *
     * @throws IllegalArgumentException when an offset is not positive, offsets are not ascending,
     *     or a reminder falls at or after the opt-out deadline
     */
    public ReminderSchedule(List<Duration> reminderOffsets, Duration optOutAfter) {
        Duration previous = Duration.ZERO;
        for (Duration offset : reminderOffsets) {
            if (offset.compareTo(previous) <= 0) {
                throw new IllegalArgumentException(
                        "Reminder offsets must be positive and ascending, got " + reminderOffsets);
            }
            previous = offset;
        }
        if (previous.compareTo(optOutAfter) >= 0) {
            throw new IllegalArgumentException(
                    "Every reminder must fall before the opt-out deadline "
                            + optOutAfter
                            + ", got "
                            + reminderOffsets);
        }
        this.reminderOffsets = List.copyOf(reminderOffsets);
        this.optOutAfter = optOutAfter;
    }

    /** Returns the opt-out deadline of an invitation made at {@code invitedAt}. */
    public Instant optOutAt(Instant invitedAt) {
        return invitedAt.plus(optOutAfter);
    }

    /** Returns the invitation e-mail, each reminder and the opt-out, in due order. */
    public List<ScheduledTimer> timersFor(Instant invitedAt) {
        List<ScheduledTimer> timers = new ArrayList<>();
        timers.add(new ScheduledTimer(TimerKind.INVITATION, 0, invitedAt));
        for (int i = 0; i < reminderOffsets.size(); i++) {
            timers.add(
                    new ScheduledTimer(
                            TimerKind.REMINDER, i + 1, invitedAt.plus(reminderOffsets.get(i))));
        }
        timers.add(new ScheduledTimer(TimerKind.OPT_OUT, 0, optOutAt(invitedAt)));
        return timers;
    }
}
