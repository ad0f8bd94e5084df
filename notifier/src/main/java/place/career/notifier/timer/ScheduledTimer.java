package place.career.notifier.timer;

import java.time.Instant;

/**
 * One timer of a candidate's schedule before it is stored.
 *
 * @param kind what the timer does
 * @param sequence 0 for the invitation and the opt-out, 1..n for reminders
 * @param dueAt the absolute instant at which it falls due
 */
public record ScheduledTimer(TimerKind kind, int sequence, Instant dueAt) {}
