package place.career.notifier.mail;

import io.vertx.ext.mail.SMTPException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed SMTP send, classified by what it proves about delivery.
 *
 * @param kind the class of failure
 * @param reply the SMTP reply code and enhanced status code (for example {@code 550 5.1.1}), or the
 *     exception type when there was no reply; never the reply text, which may echo the address
 */
public record SmtpFailure(Kind kind, String reply) {

    /** Classes of send failure. */
    public enum Kind {
        /** No SMTP session was established, or the server closed it with 421: nothing was sent. */
        UNREACHABLE,
        /** A 4xx reply: not accepted this time, may succeed later. */
        TRANSIENT,
        /** A 5xx reply about the recipient address: it will never be accepted. */
        RECIPIENT_REJECTED,
        /** Another 5xx reply, usually a configuration problem on our side: not accepted. */
        PERMANENT_OTHER,
        /**
         * The session broke without a reply, or timed out: the server may have accepted the mail.
         */
        UNKNOWN
    }

    private static final Set<Integer> RECIPIENT_CODES = Set.of(550, 551, 553);
    private static final Pattern ENHANCED_STATUS =
            Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})");

    /**
     * Classifies a failure of the Quarkus reactive mailer, which reports SMTP replies as Vert.x
     * SMTPException.
     */
    public static SmtpFailure classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return fromReply(smtp);
            }
            if (cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return new SmtpFailure(Kind.UNREACHABLE, cause.getClass().getSimpleName());
            }
            if (cause instanceof TimeoutException) {
                return new SmtpFailure(Kind.UNKNOWN, "timeout");
            }
        }
        return new SmtpFailure(Kind.UNKNOWN, failure.getClass().getSimpleName());
    }

    private static SmtpFailure fromReply(SMTPException smtp) {
        int code = smtp.getReplyCode();
        String enhanced = enhancedStatus(smtp.getReplyMessage());
        String reply = enhanced == null ? String.valueOf(code) : code + " " + enhanced;
        if (code == 421) {
            return new SmtpFailure(Kind.UNREACHABLE, reply);
        }
        if (code >= 400 && code < 500) {
            return new SmtpFailure(Kind.TRANSIENT, reply);
        }
        boolean addressStatus =
                enhanced != null && (enhanced.startsWith("5.1.") || enhanced.startsWith("5.2."));
        if (addressStatus || (enhanced == null && RECIPIENT_CODES.contains(code))) {
            return new SmtpFailure(Kind.RECIPIENT_REJECTED, reply);
        }
        if (code >= 500) {
            return new SmtpFailure(Kind.PERMANENT_OTHER, reply);
        }
        return new SmtpFailure(Kind.UNKNOWN, reply);
    }

    private static String enhancedStatus(String replyMessage) {
        if (replyMessage == null) {
            return null;
        }
        Matcher matcher = ENHANCED_STATUS.matcher(replyMessage.trim());
        return matcher.find() ? matcher.group(1) : null;
    }
}
