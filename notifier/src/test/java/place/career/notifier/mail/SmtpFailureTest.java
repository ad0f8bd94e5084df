package place.career.notifier.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.ext.mail.SMTPException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

class SmtpFailureTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'550 5.1.1 <x@example.org>: user unknown', RECIPIENT_REJECTED, 550 5.1.1",
        "'552 5.2.2 Mailbox full', RECIPIENT_REJECTED, 552 5.2.2",
        "'553 Mailbox name not allowed', RECIPIENT_REJECTED, 553",
        "'554 5.7.1 Relay access denied', PERMANENT_OTHER, 554 5.7.1",
        "'530 5.7.0 Authentication required', PERMANENT_OTHER, 530 5.7.0",
        "'451 4.3.0 Try again later', TRANSIENT, 451 4.3.0",
        "'450 Mailbox busy', TRANSIENT, 450",
        "'421 4.3.2 Service shutting down', UNREACHABLE, 421 4.3.2"
    })
    void classifiesReplyCodes(String reply, SmtpFailure.Kind kind, String recorded) {
        int code = Integer.parseInt(reply.substring(0, 3));
        SMTPException exception = new SMTPException("send failed", code, List.of(reply), false);

        SmtpFailure failure = SmtpFailure.classify(new CompletionException(exception));

        assertEquals(kind, failure.kind());
        assertEquals(recorded, failure.reply());
    }

    @Test
    void connectionRefusedIsUnreachable() {
        SmtpFailure failure =
                SmtpFailure.classify(
                        new RuntimeException(new ConnectException("Connection refused")));

        assertEquals(SmtpFailure.Kind.UNREACHABLE, failure.kind());
    }

    @Test
    void timeoutIsUnknown() {
        assertEquals(SmtpFailure.Kind.UNKNOWN, SmtpFailure.classify(new TimeoutException()).kind());
    }

    @Test
    void brokenSessionIsUnknown() {
        SmtpFailure failure = SmtpFailure.classify(new IOException("Connection reset by peer"));

        assertEquals(SmtpFailure.Kind.UNKNOWN, failure.kind());
        assertEquals("IOException", failure.reply());
    }
}
