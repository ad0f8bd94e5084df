package place.career.ingress.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.restassured.response.ValidatableResponse;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import place.career.events.WebhookReceived;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.PostgresFaultProxyResource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * When the database is unreachable or stops responding, Lever gets a 503 with Retry-After, nothing
 * is published, and Lever's retry after the database is back is published exactly once. The
 * faults are real network faults between the service and PostgreSQL.
 */
@QuarkusTest
@TestProfile(DatabaseFaultTest.ProxiedDatabase.class)
class DatabaseFaultTest extends ConnectedInstallationTest {

    /** Runs the service with its database connections through a fault proxy. */
    public static class ProxiedDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cpl.ingress.dedupe.timeout", "PT3S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(KafkaBrokerResource.class),
                    new TestResourceEntry(PostgresFaultProxyResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** The default of {@code cpl.ingress.dedupe.max-concurrent-groups}. */
    private static final int MAX_CONCURRENT_GROUPS = 8;

    @Inject AcceptedDeliveryRepository deliveries;

    @BeforeEach
    void warmUpConnections() {
        post(envelope(signingToken, WebhookReceived.APPLICATION_CREATED, applicationData("opp-0")))
                .statusCode(200);
    }

    @AfterEach
    void restoreDatabase() {
        PostgresFaultProxyResource.proxy().comeUp();
    }

    @Test
    void unreachableDatabaseAnswers503() {
        ObjectNode delivery =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-unreachable"));
        String deliveryId = delivery.get("id").asText();

        PostgresFaultProxyResource.proxy().goDown();
        assertDatabaseUnavailable(delivery);
        assertEquals(0, countPublished(deliveryId));

        PostgresFaultProxyResource.proxy().comeUp();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> post(delivery).statusCode(200).body("outcome", equalTo("accepted")));
        post(delivery).statusCode(200).body("outcome", equalTo("duplicate"));
        assertEquals(1, countPublished(deliveryId));
    }

    @Test
    void silentDatabaseAnswers503AtDeadline() {
        ObjectNode delivery =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-silent"));
        String deliveryId = delivery.get("id").asText();

        PostgresFaultProxyResource.proxy().stall();
        long started = System.nanoTime();
        assertDatabaseUnavailable(delivery);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        // The deadline is 3 s; the bound is loose because the build machines are shared.
        assertTrue(elapsedMs >= 2_900, "answered after " + elapsedMs + " ms, before the deadline");
        assertTrue(elapsedMs < 20_000, "answered after " + elapsedMs + " ms");
        assertEquals(0, countPublished(deliveryId));

        // The stalled transaction resumes and may complete before Lever's retry arrives, which
        // then finds the key; either way the delivery is published once.
        PostgresFaultProxyResource.proxy().comeUp();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                post(delivery)
                                        .statusCode(200)
                                        .body("outcome", oneOf("accepted", "duplicate")));
        await().atMost(Duration.ofSeconds(10)).until(() -> countPublished(deliveryId) >= 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> countPublished(deliveryId) == 1);
    }

    @Test
    void deliveriesQueuedPastDeadlineAreDropped() throws Exception {
        PostgresFaultProxyResource.proxy().stall();
        ExecutorService clients = Executors.newFixedThreadPool(MAX_CONCURRENT_GROUPS + 4);
        try {
            // Each of the first deliveries starts its own group, which the silent database holds.
            List<Future<Integer>> inGroups = new ArrayList<>();
            for (int i = 0; i < MAX_CONCURRENT_GROUPS; i++) {
                inGroups.add(clients.submit(postAsync(newDelivery("opp-in-group-" + i))));
            }
            Thread.sleep(500);
            List<ObjectNode> queued = new ArrayList<>();
            List<Future<Integer>> queuedAnswers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ObjectNode delivery = newDelivery("opp-queued-" + i);
                queued.add(delivery);
                queuedAnswers.add(clients.submit(postAsync(delivery)));
            }
            for (Future<Integer> answer : queuedAnswers) {
                assertEquals(503, answer.get(30, TimeUnit.SECONDS));
            }
            for (Future<Integer> answer : inGroups) {
                assertEquals(503, answer.get(30, TimeUnit.SECONDS));
            }

            PostgresFaultProxyResource.proxy().comeUp();
            post(newDelivery("opp-after")).statusCode(200);
            for (ObjectNode delivery : queued) {
                String deliveryId = delivery.get("id").asText();
                assertFalse(deliveries.exists(deliveryId).await().atMost(Duration.ofSeconds(10)),
                        deliveryId + " was stored after its 503");
                assertEquals(0, countPublished(deliveryId), deliveryId + " was published after its 503");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private ObjectNode newDelivery(String opportunityId) {
        return envelope(
                signingToken, WebhookReceived.APPLICATION_CREATED, applicationData(opportunityId));
    }

    private static Callable<Integer> postAsync(ObjectNode delivery) {
        return () -> post(delivery).extract().statusCode();
    }

    private void assertDatabaseUnavailable(ObjectNode delivery) {
        post(delivery)
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "30")
                .body("type", equalTo("https://career.place/problems/database-unavailable"))
                .body("detail", containsString("Retry later"));
    }

    private long countPublished(String deliveryId) {
        return publishedFor(kafka, installationId).stream()
                .filter(record -> deliveryId.equals(record.deliveryId()))
                .count();
    }

    private static ValidatableResponse post(ObjectNode envelope) {
        return given().contentType("application/json")
                .body(envelope.toString())
                .when()
                .post(SHARED_PATH)
                .then();
    }
}
