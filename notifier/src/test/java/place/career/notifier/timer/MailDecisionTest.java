package place.career.notifier.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

class MailDecisionTest {

    private static final Instant INVITED_AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant OPT_OUT_AT = INVITED_AT.plus(Duration.ofHours(420));
    private static final Duration SKIP_WITHIN = Duration.ofHours(24);
    private static final Duration MINIMUM_GAP = Duration.ofHours(24);

    @Test
    void sendsDueReminder() {
        ClaimedMail reminder =
                mail(TimerKind.REMINDER, 1, "a@example.org", null, INVITED_AT, false);

        MailDecision decision = decide(reminder, INVITED_AT.plus(Duration.ofDays(2)));

        assertTrue(decision.send());
    }

    @Test
    void skipsReminderNearDeadline() {
        ClaimedMail reminder =
                mail(TimerKind.REMINDER, 4, "a@example.org", null, INVITED_AT, false);

        MailDecision decision = decide(reminder, OPT_OUT_AT.minus(Duration.ofHours(23)));

        assertFalse(decision.send());
        assertEquals("opt-out deadline too near", decision.reason());
    }

    @Test
    void sendsInvitationNearDeadline() {
        ClaimedMail invitation = mail(TimerKind.INVITATION, 0, "a@example.org", null, null, false);

        assertTrue(decide(invitation, OPT_OUT_AT.minus(Duration.ofHours(1))).send());
    }

    @Test
    void skipsEverythingAfterDeadline() {
        ClaimedMail invitation = mail(TimerKind.INVITATION, 0, "a@example.org", null, null, false);

        assertEquals("opt-out deadline passed", decide(invitation, OPT_OUT_AT).reason());
    }

    @Test
    void skipsSupersededReminder() {
        ClaimedMail reminder = mail(TimerKind.REMINDER, 1, "a@example.org", null, INVITED_AT, true);

        assertEquals(
                "superseded by a later reminder that is also due",
                decide(reminder, INVITED_AT.plus(Duration.ofDays(6))).reason());
    }

    @Test
    void skipsReminderRightAfterPreviousMail() {
        Instant now = INVITED_AT.plus(Duration.ofDays(3));
        ClaimedMail reminder =
                mail(TimerKind.REMINDER, 1, "a@example.org", null, now.minusSeconds(5), false);

        assertEquals("previous e-mail too recent", decide(reminder, now).reason());
    }

    @Test
    void skipsErasedContact() {
        ClaimedMail reminder = mail(TimerKind.REMINDER, 1, null, null, INVITED_AT, false);

        assertEquals(
                "contact data erased",
                decide(reminder, INVITED_AT.plus(Duration.ofDays(2))).reason());
    }

    @Test
    void skipsStoppedSchedule() {
        ClaimedMail reminder =
                mail(TimerKind.REMINDER, 1, "a@example.org", "UNSUBSCRIBED", INVITED_AT, false);

        assertEquals(
                "schedule stopped: UNSUBSCRIBED",
                decide(reminder, INVITED_AT.plus(Duration.ofDays(2))).reason());
    }

    private static MailDecision decide(ClaimedMail mail, Instant now) {
        return MailDecision.decide(mail, now, SKIP_WITHIN, MINIMUM_GAP);
    }

    private static ClaimedMail mail(
            TimerKind kind,
            int sequence,
            String email,
            String stopReason,
            Instant lastMailAt,
            boolean laterDue) {
        return new ClaimedMail(
                1,
                "funnel-1",
                kind,
                sequence,
                INVITED_AT,
                1,
                "inv-1",
                "Engineer",
                "Zoë",
                email,
                "token",
                OPT_OUT_AT,
                stopReason,
                lastMailAt,
                laterDue);
    }
}
