package place.career.notifier.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import place.career.testsupport.GreenMailResource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the mail that GreenMail received, per recipient. */
public final class Mailbox {

    private Mailbox() {}

    /** Returns every message received for the address, oldest first. */
    public static List<MimeMessage> messagesTo(String address) {
        List<MimeMessage> result = new ArrayList<>();
        for (MimeMessage message : GreenMailResource.greenMail().getReceivedMessages()) {
            if (isAddressedTo(message, address)) {
                result.add(message);
            }
        }
        return result;
    }

    /** Returns the number of messages received for the address. */
    public static int countTo(String address) {
        return messagesTo(address).size();
    }

    /** Returns the first body part with the given MIME type, decoded. */
    public static String part(MimeMessage message, String mimeType) {
        try {
            return findPart(message.getContent(), mimeType);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("Could not read a received message", e);
        }
    }

    /** Returns the single value of a header, or null. */
    public static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not read header " + name, e);
        }
    }

    private static String findPart(Object content, String mimeType)
            throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(mimeType)) {
                    return (String) part.getContent();
                }
                String nested = findPart(part.getContent(), mimeType);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    private static boolean isAddressedTo(MimeMessage message, String address) {
        try {
            var recipients = message.getAllRecipients();
            if (recipients == null) {
                return false;
            }
            for (var recipient : recipients) {
                if (recipient.toString().contains(address)) {
                    return true;
                }
            }
            return false;
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not read recipients", e);
        }
    }
}
