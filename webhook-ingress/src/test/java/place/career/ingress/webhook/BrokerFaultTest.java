package place.career.ingress.webhook;

import static io.restassured.RestAssured.given;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static place.career.ingress.IngressFixtures.SHARED_PATH;
import static place.career.ingress.IngressFixtures.applicationData;
import static place.career.ingress.IngressFixtures.envelope;
import static place.career.ingress.IngressFixtures.publishedFor;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import place.career.events.WebhookReceived;
import place.career.testsupport.PostgresResource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * When the broker is down, or too slow to acknowledge within the deadline, Lever gets a 503 with
 * Retry-After and no delivery key is stored, so Lever's retry is accepted once the broker is back.
 *
 * <p>The faults are real, on a broker that only this test class uses: the test suspends the broker
 * process (SIGSTOP) and resumes it (SIGCONT), then stops it for good.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestProfile(BrokerFaultTest.DedicatedBroker.class)
class BrokerFaultTest extends ConnectedInstallationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Runs the service against its own broker, with a produce deadline of two seconds. */
    public static class DedicatedBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cpl.ingress.kafka.produce-timeout", "PT2S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(DedicatedBrokerResource.class),
                    new TestResourceEntry(PostgresResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject AcceptedDeliveryRepository deliveries;

    @BeforeEach
    void warmUpConnections() {
        // A first delivery creates the webhook topic and opens the database and broker
        // connections, so that the measured request meets only the fault.
        ObjectNode warmUp =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-warm-up"));
        post(warmUp).statusCode(200);
    }

    @Test
    @Order(1)
    void returns503WhileBrokerIsSuspended() throws Exception {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-suspended"));
        String deliveryId = envelope.get("id").asText();

        DedicatedBrokerResource.signal("STOP");
        try {
            assertBrokerUnavailable(envelope);
        } finally {
            DedicatedBrokerResource.signal("CONT");
        }

        assertFalse(deliveries.exists(deliveryId).await().atMost(WAIT));
        assertRetryAccepted(envelope);
        // The suspended broker had received the first attempt and may append it on resuming, so
        // the retry can add a second record: consumers deduplicate on deliveryId.
        long copies = countPublished(deliveryId);
        assertTrue(copies == 1 || copies == 2, copies + " records");
    }

    /** Runs last, because the broker stays down for the rest of the class. */
    @Test
    @Order(2)
    void returns503WhileBrokerIsDown() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-down"));
        String deliveryId = envelope.get("id").asText();

        DedicatedBrokerResource.stopBroker();

        assertBrokerUnavailable(envelope);
        assertFalse(deliveries.exists(deliveryId).await().atMost(WAIT));
    }

    private void assertBrokerUnavailable(ObjectNode envelope) {
        long started = System.nanoTime();

        post(envelope)
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "30")
                .body("type", equalTo("https://career.place/problems/broker-unavailable"));

        // The deadline is 2 s. The bound is loose because the build machines are shared and slow.
        // Without a deadline, the Kafka client's defaults (max.block.ms 60 s, delivery.timeout.ms
        // 120 s) would hold the request far longer.
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(elapsedMs < 20_000, "answered after " + elapsedMs + " ms");
    }

    private void assertRetryAccepted(ObjectNode envelope) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> post(envelope).statusCode(200).body("outcome", equalTo("accepted")));
        assertTrue(deliveries.exists(envelope.get("id").asText()).await().atMost(WAIT));
    }

    private long countPublished(String deliveryId) {
        return publishedFor(kafka, installationId).stream()
                .filter(record -> deliveryId.equals(record.deliveryId()))
                .count();
    }

    private static io.restassured.response.ValidatableResponse post(ObjectNode envelope) {
        return given().contentType("application/json")
                .body(envelope.toString())
                .when()
                .post(SHARED_PATH)
                .then();
    }
}
