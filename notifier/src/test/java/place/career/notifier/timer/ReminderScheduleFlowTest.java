package place.career.notifier.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import place.career.events.EventJson;
import place.career.events.NotifierOutcome;
import place.career.events.Topics;
import place.career.notifier.outcome.OutcomeOutbox;
import place.career.notifier.support.Mailbox;
import place.career.notifier.support.NotifierFixtures;
import place.career.notifier.support.NotifierFixtures.Candidate;
import place.career.notifier.support.NotifierTestBase;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

@QuarkusTest
class ReminderScheduleFlowTest extends NotifierTestBase {

    private static final Duration OPT_OUT_AFTER = Duration.ofHours(420);
    private static final List<Duration> REMINDERS =
            List.of(
                    Duration.ofDays(2),
                    Duration.ofDays(5),
                    Duration.ofDays(9),
                    Duration.ofDays(14));

    @Test
    void fullScheduleEndsInOneOptOut() throws Exception {
        Candidate candidate = NotifierFixtures.newCandidate();
        Instant invitedAt = clock.instant();
        invite(candidate, invitedAt);
        awaitMailCount(candidate, 1);

        for (int i = 0; i < REMINDERS.size(); i++) {
            clock.advanceTo(invitedAt.plus(REMINDERS.get(i)));
            awaitMailCount(candidate, i + 2);
        }
        clock.advanceTo(invitedAt.plus(OPT_OUT_AFTER));
        List<NotifierOutcome> outcomes = awaitOutcomes(candidate, 1);

        NotifierOutcome outcome = outcomes.get(0);
        assertEquals(NotifierOutcome.Type.OPTED_OUT, outcome.type());
        assertEquals(
                OutcomeOutbox.eventId(NotifierOutcome.Type.OPTED_OUT, candidate.funnelId()),
                outcome.eventId());
        // PostgreSQL keeps microseconds, so the due instant read back from the timer is truncated.
        assertEquals(
                invitedAt.plus(OPT_OUT_AFTER).truncatedTo(ChronoUnit.MICROS), outcome.occurredAt());
        assertEquals(candidate.key(), outcome.key());
        assertEquals("OPTED_OUT", table().invitationColumn(candidate.funnelId(), "stop_reason"));
        assertEquals(
                Map.of(
                        "INVITATION-0",
                        "DONE",
                        "REMINDER-1",
                        "DONE",
                        "REMINDER-2",
                        "DONE",
                        "REMINDER-3",
                        "DONE",
                        "REMINDER-4",
                        "DONE",
                        "OPT_OUT-0",
                        "DONE"),
                table().states(candidate.funnelId()));
        List<MimeMessage> mails = Mailbox.messagesTo(candidate.email());
        assertEquals(
                "<reminder-4." + candidate.funnelId() + "@notifier.career.place>",
                mails.get(4).getMessageID());
        assertTrue(
                mails.get(4).getSubject().startsWith("Reminder: "),
                "reminders say so in the subject");
        clock.advance(Duration.ofDays(3));
        awaitMailCount(candidate, 5);
        assertEquals(1, countOutcomeRecords(candidate), "one OPTED_OUT record on the topic");
    }

    @Test
    void reminderBeforeDueInstantIsNotSent() {
        Candidate candidate = NotifierFixtures.newCandidate();
        Instant invitedAt = clock.instant();
        invite(candidate, invitedAt);
        awaitMailCount(candidate, 1);

        clock.advanceTo(invitedAt.plus(REMINDERS.get(0)).minusSeconds(1));
        awaitMailCount(candidate, 1);
        clock.advanceTo(invitedAt.plus(REMINDERS.get(0)));

        awaitMailCount(candidate, 2);
    }

    @Test
    void catchUpAfterDowntimeSkipsStaleReminders() {
        Candidate candidate = NotifierFixtures.newCandidate();
        Instant invitedAt = clock.instant().minus(Duration.ofDays(10));

        invite(candidate, invitedAt);

        awaitTimerState(candidate, "REMINDER-3", "SKIPPED");
        awaitMailCount(candidate, 1);
        assertEquals("DONE", table().state(candidate.funnelId(), "INVITATION-0"));
        assertEquals("SKIPPED", table().state(candidate.funnelId(), "REMINDER-1"));
        assertEquals("SKIPPED", table().state(candidate.funnelId(), "REMINDER-2"));
        assertEquals("PENDING", table().state(candidate.funnelId(), "REMINDER-4"));
        clock.advanceTo(invitedAt.plus(REMINDERS.get(3)));
        awaitMailCount(candidate, 2);
        assertEquals("DONE", table().state(candidate.funnelId(), "REMINDER-4"));
    }

    @Test
    void reminderNearDeadlineIsSkipped() {
        Candidate candidate = NotifierFixtures.newCandidate();
        Instant invitedAt = clock.instant().minus(OPT_OUT_AFTER).plus(Duration.ofHours(12));

        invite(candidate, invitedAt);

        awaitTimerState(candidate, "REMINDER-4", "SKIPPED");
        awaitMailCount(candidate, 1);
        clock.advanceTo(invitedAt.plus(OPT_OUT_AFTER));
        assertEquals(NotifierOutcome.Type.OPTED_OUT, awaitOutcomes(candidate, 1).get(0).type());
    }

    @Test
    void daylightSavingChangeKeepsExactOffsets() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime fridayMorning = ZonedDateTime.of(2027, 3, 26, 9, 0, 0, 0, berlin);
        clock.advanceTo(fridayMorning.toInstant());
        Instant invitedAt = clock.instant();
        Candidate candidate = NotifierFixtures.newCandidate();
        invite(candidate, invitedAt);
        awaitMailCount(candidate, 1);
        Instant firstReminder = invitedAt.plus(Duration.ofHours(48));

        String dueAt = table().timerColumn(candidate.funnelId(), "REMINDER-1", "due_at");
        clock.advanceTo(firstReminder.minusSeconds(1));
        awaitMailCount(candidate, 1);
        clock.advanceTo(firstReminder);
        awaitMailCount(candidate, 2);

        assertEquals(firstReminder.truncatedTo(ChronoUnit.MICROS), Instant.parse(dueAt));
        assertEquals(
                10, firstReminder.atZone(berlin).getHour(), "09:00 CET plus 48 h is 10:00 CEST");
    }

    private long countOutcomeRecords(Candidate candidate) {
        return kafka().readAll(Topics.NOTIFIER_OUTCOMES, WAIT).stream()
                .map(record -> EventJson.read(record.value(), NotifierOutcome.class))
                .filter(outcome -> candidate.funnelId().equals(outcome.funnelId()))
                .count();
    }
}
