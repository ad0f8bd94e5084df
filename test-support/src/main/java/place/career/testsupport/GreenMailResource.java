package place.career.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import place.career.localstack.SmtpSink;

/**
 * Starts a GreenMail SMTP server on a free port of 127.0.0.1 and points the Quarkus mailer at it,
 * with mock mode off so that mail really goes over SMTP.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static volatile SmtpSink sink;

    @Override
    public Map<String, String> start() {
        SmtpSink started = SmtpSink.start(0);
        sink = started;
        return Map.of(
                "quarkus.mailer.host", started.host(),
                "quarkus.mailer.port", Integer.toString(started.port()),
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void stop() {
        SmtpSink started = sink;
        if (started != null) {
            started.close();
            sink = null;
        }
    }

    /**
     * Returns the running server, for example to wait for mail or to purge it between tests.
     *
     * @throws IllegalStateException when no test resource has started it
     */
    public static GreenMail greenMail() {
        return smtpSink().greenMail();
    }

    /** Returns the running server with its summary view, like {@link #greenMail()}. */
    public static SmtpSink smtpSink() {
        SmtpSink started = sink;
        if (started == null) {
            throw new IllegalStateException("GreenMail is not running; add "
                    + "@QuarkusTestResource(GreenMailResource.class) to the test");
        }
        return started;
    }
}
