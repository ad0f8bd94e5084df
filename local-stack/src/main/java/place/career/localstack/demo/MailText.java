package place.career.localstack.demo;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/** Extracts the text of a received e-mail, walking multipart bodies. */
public final class MailText {

    private MailText() {}

    /** Returns every text part of the message joined by newlines. */
    public static String of(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                all.append(of(body)).append('\n');
            }
            return all.toString();
        }
        throw new IOException("Unexpected mail content " + content.getClass().getName());
    }
}
