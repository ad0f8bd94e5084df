package place.career.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmtpSinkTest {

    @Test
    void receivesMailSentOverSmtp() throws MessagingException {
        try (SmtpSink sink = SmtpSink.start(0)) {
            assertTrue(sink.port() > 0, "bound port " + sink.port());

            send(sink, "candidate@example.test", "Your qualification link");

            List<SmtpSink.ReceivedMail> mail = sink.receivedMail();
            assertEquals(1, mail.size());
            assertEquals("Your qualification link", mail.get(0).subject());
            assertEquals(List.of("candidate@example.test"), mail.get(0).to());
            assertEquals("jobs@example.test", mail.get(0).from());
            assertTrue(mail.get(0).body().contains("Hello"), mail.get(0).body());
        }
    }

    @Test
    void summaryToStringLeavesOutPersonalData() throws MessagingException {
        try (SmtpSink sink = SmtpSink.start(0)) {
            send(sink, "candidate@example.test", "Private subject");

            String text = sink.receivedMail().get(0).toString();

            assertTrue(!text.contains("candidate@example.test"), text);
            assertTrue(!text.contains("Private subject"), text);
        }
    }

    private static void send(SmtpSink sink, String to, String subject) throws MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", sink.host());
        properties.setProperty("mail.smtp.port", Integer.toString(sink.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("jobs@example.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello, here is your link.");
        Transport.send(message);
    }
}
