package place.career.localstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A GreenMail SMTP server on 127.0.0.1 that accepts every message for any recipient and keeps it
 * in memory, so the demo and tests can read the mail the services send.
 */
public final class SmtpSink implements AutoCloseable {

    private final GreenMail greenMail;

    private SmtpSink(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /**
     * Starts the server.
     *
     * @param port SMTP port on 127.0.0.1, or 0 for a free port
     */
    public static SmtpSink start(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        if (port == 0) {
            setup = setup.dynamicPort();
        }
        GreenMail greenMail = new GreenMail(setup);
        greenMail.start();
        return new SmtpSink(greenMail);
    }

    public String host() {
        return "127.0.0.1";
    }

    /** Returns the port the server is bound to, also when it was started with port 0. */
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Returns the underlying server, for waiting on mail or purging it. */
    public GreenMail greenMail() {
        return greenMail;
    }

    /** Returns every message received since the start, oldest first. */
    public List<MimeMessage> receivedMessages() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    /** Returns a summary of every message received since the start, oldest first. */
    public List<ReceivedMail> receivedMail() {
        List<ReceivedMail> summaries = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            summaries.add(ReceivedMail.of(message));
        }
        return summaries;
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /**
     * A received message reduced to what a person checks in the demo.
     *
     * @param body the raw body, which includes the MIME boundaries of a multipart message
     */
    public record ReceivedMail(Instant sentAt, String from, List<String> to, String subject,
            String body) {

        static ReceivedMail of(MimeMessage message) {
            try {
                Instant sentAt = message.getSentDate() == null
                        ? null
                        : message.getSentDate().toInstant();
                return new ReceivedMail(sentAt, first(message.getFrom()),
                        addresses(message.getAllRecipients()), message.getSubject(),
                        GreenMailUtil.getBody(message));
            } catch (MessagingException e) {
                throw new IllegalStateException("Could not read a received message", e);
            }
        }

        /** Leaves out addresses, subject and body, which carry personal data. */
        @Override
        public String toString() {
            return "ReceivedMail[sentAt=" + sentAt + ", recipients=" + to.size() + "]";
        }

        private static String first(Address[] addresses) {
            return addresses == null || addresses.length == 0 ? null : addresses[0].toString();
        }

        private static List<String> addresses(Address[] addresses) {
            List<String> result = new ArrayList<>();
            if (addresses != null) {
                for (Address address : addresses) {
                    result.add(address.toString());
                }
            }
            return result;
        }
    }
}
