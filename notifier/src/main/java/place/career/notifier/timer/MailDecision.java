package place.career.notifier.timer;

import java.time.Duration;
import java.time.Instant;

/**
 * Decision whether a claimed mail still goes out. After downtime several mails of one candidate can
 * be due at once. The rules send the invitation and then only what is still useful, so a candidate
 * never gets several reminders in one go.
 *
 * @param send true to send, false to skip
 * @param reason why the mail is skipped, null when it is sent
 */
public record MailDecision(boolean send, String reason) {

    private static final MailDecision SEND = new MailDecision(true, null);

    /**
     * Decides on a claimed mail at {@code now}.
     *
     * @param skipReminderWithin a reminder due closer than this to the opt-out deadline is skipped
     * @param minimumGap a reminder is skipped when the previous e-mail went out less than this ago
     */
    public static MailDecision decide(
            ClaimedMail mail, Instant now, Duration skipReminderWithin, Duration minimumGap) {
        if (mail.stopReason() != null) {
            return skip("schedule stopped: " + mail.stopReason());
        }
        if (mail.candidateEmail() == null) {
            return skip("contact data erased");
        }
        if (!now.isBefore(mail.optOutAt())) {
            return skip("opt-out deadline passed");
        }
        if (mail.kind() == TimerKind.INVITATION) {
            return SEND;
        }
        if (!now.isBefore(mail.optOutAt().minus(skipReminderWithin))) {
            return skip("opt-out deadline too near");
        }
        if (mail.laterReminderDue()) {
            return skip("superseded by a later reminder that is also due");
        }
        if (mail.lastMailAt() != null && now.isBefore(mail.lastMailAt().plus(minimumGap))) {
            return skip("previous e-mail too recent");
        }
        return SEND;
    }

    private static MailDecision skip(String reason) {
        return new MailDecision(false, reason);
    }
}
