package place.career.ingress.webhook;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import place.career.events.WebhookReceived;
import place.career.ingress.TestConfigs;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The publisher gives up within its deadline when no broker listens at all. */
class WebhookPublisherTest {

    @Test
    void failsWithinDeadlineWithoutBroker() throws IOException {
        WebhookPublisher publisher = new WebhookPublisher();
        publisher.config = TestConfigs.ingress(Duration.ofSeconds(1));
        publisher.meters = new SimpleMeterRegistry();
        publisher.bootstrapServers = "127.0.0.1:" + closedPort();
        publisher.start(null);
        WebhookReceived event =
                new WebhookReceived(
                        "delivery-1",
                        "inst-1",
                        "candidateHired",
                        1L,
                        Instant.now(),
                        "opp-1",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false);

        long started = System.nanoTime();
        try {
            assertThrows(
                    RuntimeException.class,
                    () -> publisher.publish(event).await().atMost(Duration.ofSeconds(10)));
        } finally {
            publisher.stop(null);
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertTrue(elapsedMs < 5_000, "failed after " + elapsedMs + " ms");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
