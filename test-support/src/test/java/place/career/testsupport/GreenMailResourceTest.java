package place.career.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GreenMailResourceTest {

    @Test
    void receivesMailAtTheReturnedAddress() throws MessagingException {
        GreenMailResource resource = new GreenMailResource();
        Map<String, String> config = resource.start();
        try {
            assertEquals("false", config.get("quarkus.mailer.mock"));

            Properties properties = new Properties();
            properties.setProperty("mail.smtp.host", config.get("quarkus.mailer.host"));
            properties.setProperty("mail.smtp.port", config.get("quarkus.mailer.port"));
            MimeMessage message = new MimeMessage(Session.getInstance(properties));
            message.setFrom(new InternetAddress("jobs@example.test"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.test"));
            message.setSubject("Invitation");
            message.setText("Please start the qualification.");
            Transport.send(message);

            assertTrue(GreenMailResource.greenMail().waitForIncomingEmail(5_000, 1));
            MimeMessage received = GreenMailResource.greenMail().getReceivedMessages()[0];
            assertEquals("Invitation", received.getSubject());
        } finally {
            resource.stop();
        }
        assertThrows(IllegalStateException.class, GreenMailResource::greenMail);
    }
}
