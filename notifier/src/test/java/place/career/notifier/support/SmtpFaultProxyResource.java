package place.career.notifier.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import place.career.testsupport.GreenMailResource;

import java.util.Map;

/**
 * Puts a {@link SmtpFaultProxy} between the notifier and GreenMail. Starts after {@link
 * GreenMailResource} and overrides its mailer port.
 */
public class SmtpFaultProxyResource implements QuarkusTestResourceLifecycleManager {

    private static volatile SmtpFaultProxy proxy;

    @Override
    public Map<String, String> start() {
        proxy = new SmtpFaultProxy("127.0.0.1", GreenMailResource.smtpSink().port());
        return Map.of(
                "quarkus.mailer.host",
                "127.0.0.1",
                "quarkus.mailer.port",
                Integer.toString(proxy.port()));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }

    @Override
    public int order() {
        return 100;
    }

    /** Returns the running proxy. */
    public static SmtpFaultProxy proxy() {
        return proxy;
    }
}
