package place.career.notifier.timer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mail timer claimed by this replica, with what is needed to decide and to write the e-mail.
 *
 * @param timerId the timer row
 * @param funnelId the funnel
 * @param kind invitation or reminder
 * @param sequence 0 for the invitation, 1..n for reminders
 * @param dueAt the scheduled instant
 * @param attempts how many times the timer was claimed, this claim included
 * @param invitationId the id in the personal funnel link; a link token, never logged
 * @param jobTitle the job's title, may be null
 * @param candidateName the candidate's name, may be null
 * @param candidateEmail the address, null once erased
 * @param unsubscribeToken the token of the unsubscribe link, never logged
 * @param optOutAt the opt-out deadline
 * @param stopReason why the schedule stopped, null while it runs
 * @param lastMailAt when the previous e-mail to this candidate was handed to SMTP, null if none
 * @param laterReminderDue whether a later reminder of the same candidate is already due
 */
public record ClaimedMail(
        long timerId,
        String funnelId,
        TimerKind kind,
        int sequence,
        Instant dueAt,
        int attempts,
        String invitationId,
        String jobTitle,
        String candidateName,
        String candidateEmail,
        String unsubscribeToken,
        Instant optOutAt,
        String stopReason,
        Instant lastMailAt,
        boolean laterReminderDue) {

    // Funnel ids made of these characters go into the Message-ID as they are; others are hashed.
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** Returns the deterministic Message-ID of this mail, the same on every attempt and replica. */
    public String messageId(String domain) {
        String localPart = SAFE_ID.matcher(funnelId).matches() ? funnelId : sha256Hex(funnelId);
        return "<"
                + kind.name().toLowerCase(Locale.ROOT)
                + "-"
                + sequence
                + "."
                + localPart
                + "@"
                + domain
                + ">";
    }

    private static String sha256Hex(String value) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** Prints ids only: the address, name and link tokens never reach a log. */
    @Override
    public String toString() {
        return "ClaimedMail[timerId="
                + timerId
                + ", funnelId="
                + funnelId
                + ", kind="
                + kind
                + ", sequence="
                + sequence
                + ", attempts="
                + attempts
                + "]";
    }
}
