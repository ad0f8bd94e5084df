package place.career.ingress.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import place.career.ingress.TestConfigs;
import place.career.ingress.installation.InstallationRegistry;

import java.time.Clock;
import java.time.Duration;

/** Decisions of the service that need no broker or database. */
class WebhookServiceTest {

    @Test
    void returns503UntilInstallationsAreLoaded() {
        WebhookService service = new WebhookService();
        service.registry = new InstallationRegistry();
        service.metrics = new DeliveryMetrics();
        service.metrics.meters = new SimpleMeterRegistry();
        service.metrics.registerTimers();
        service.clock = Clock.systemUTC();
        service.config = TestConfigs.ingress(Duration.ofSeconds(5));
        WebhookEnvelope envelope =
                new WebhookEnvelope(
                        "delivery-1",
                        "candidateHired",
                        System.currentTimeMillis(),
                        "token",
                        new byte[32],
                        DeliveryData.EMPTY);

        WebhookRejectedException rejected =
                assertThrows(WebhookRejectedException.class, () -> service.receive(envelope, null));

        assertEquals(Rejection.INSTALLATIONS_LOADING, rejected.rejection());
        assertEquals(503, rejected.rejection().status());
    }
}
