package place.career.ingress.webhook;

import static io.restassured.RestAssured.given;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static place.career.ingress.IngressFixtures.SHARED_PATH;
import static place.career.ingress.IngressFixtures.applicationData;
import static place.career.ingress.IngressFixtures.envelope;
import static place.career.ingress.IngressFixtures.publishedFor;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import place.career.events.WebhookReceived;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.PostgresResource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies of one delivery are published once, whether they arrive together, after a restart, at
 * another replica or as a rerun. Keys are purged only once a copy would be stale.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresResource.class)
class DeliveryDedupeTest extends ConnectedInstallationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject AcceptedDeliveryRepository deliveries;

    @Inject DeliveryKeyPurge purge;

    @Inject Pool pool;

    @Test
    void publishesConcurrentCopiesOnce() throws Exception {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-race"));
        int copies = 8;
        ExecutorService senders = Executors.newFixedThreadPool(copies);
        List<Future<String>> outcomes = new ArrayList<>();

        try {
            Callable<String> send =
                    () ->
                            given().contentType("application/json")
                                    .body(envelope.toString())
                                    .when()
                                    .post(SHARED_PATH)
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .path("outcome");
            for (int i = 0; i < copies; i++) {
                outcomes.add(senders.submit(send));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }

            assertEquals(
                    1, results.stream().filter("accepted"::equals).count(), results.toString());
            assertEquals(copies - 1, results.stream().filter("duplicate"::equals).count());
        } finally {
            senders.shutdownNow();
        }
        assertEquals(1, countPublished(envelope.get("id").asText()));
    }

    @Test
    void publishesConcurrentDistinctDeliveriesOnceEach() throws Exception {
        int deliveriesCount = 40;
        List<ObjectNode> envelopes = new ArrayList<>();
        for (int i = 0; i < deliveriesCount; i++) {
            envelopes.add(
                    envelope(
                            signingToken,
                            WebhookReceived.CANDIDATE_STAGE_CHANGE,
                            applicationData("opp-group-" + i)));
        }
        ExecutorService senders = Executors.newFixedThreadPool(deliveriesCount);
        List<Future<String>> outcomes = new ArrayList<>();

        try {
            for (ObjectNode envelope : envelopes) {
                outcomes.add(
                        senders.submit(() -> post(envelope).extract().<String>path("outcome")));
            }
            for (Future<String> outcome : outcomes) {
                assertEquals("accepted", outcome.get());
            }
        } finally {
            senders.shutdownNow();
        }

        for (ObjectNode envelope : envelopes) {
            assertEquals(1, countPublished(envelope.get("id").asText()));
        }
    }

    @Test
    void insertsKeyGivenTwiceInOneGroupOnce() {
        String key = "group-twice-" + UUID.randomUUID();
        String other = "group-other-" + UUID.randomUUID();
        Instant now = Instant.now();
        List<AcceptedDeliveryRepository.Row> rows =
                List.of(
                        new AcceptedDeliveryRepository.Row(key, installationId, "e", now, now),
                        new AcceptedDeliveryRepository.Row(key, installationId, "e", now, now),
                        new AcceptedDeliveryRepository.Row(other, installationId, "e", now, now));

        java.util.Set<String> inserted =
                pool.withTransaction(connection -> deliveries.insertAllIfAbsent(connection, rows))
                        .await()
                        .atMost(WAIT);
        java.util.Set<String> again =
                pool.withTransaction(connection -> deliveries.insertAllIfAbsent(connection, rows))
                        .await()
                        .atMost(WAIT);

        assertEquals(java.util.Set.of(key, other), inserted);
        assertTrue(again.isEmpty());
    }

    @Test
    void treatsKeyFromAnotherReplicaAsDuplicate() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-replica"));
        String deliveryId = envelope.get("id").asText();
        // Another replica, or this one before a restart, accepted the delivery: only the row is
        // left.
        insertKey(deliveryId, Instant.now());

        post(envelope).body("outcome", equalTo("duplicate"));

        assertEquals(0, countPublished(deliveryId));
    }

    @Test
    void treatsRerunWithSameIdAsDuplicate() {
        String id = UUID.randomUUID().toString();
        long firstAttempt = System.currentTimeMillis() - 60_000;
        ObjectNode original =
                envelope(
                        signingToken,
                        id,
                        WebhookReceived.CANDIDATE_HIRED,
                        firstAttempt,
                        applicationData("opp-rerun"));
        ObjectNode rerun =
                envelope(
                        signingToken,
                        id,
                        WebhookReceived.CANDIDATE_HIRED,
                        System.currentTimeMillis(),
                        applicationData("opp-rerun"));

        post(original).body("outcome", equalTo("accepted"));
        post(rerun).body("outcome", equalTo("duplicate"));

        assertEquals(1, countPublished(id));
    }

    @Test
    void publishesDeliveriesWithoutIdByToken() {
        long now = System.currentTimeMillis();
        ObjectNode first =
                envelope(
                        signingToken,
                        null,
                        WebhookReceived.CANDIDATE_HIRED,
                        now,
                        applicationData("opp-no-id"));
        ObjectNode second =
                envelope(
                        signingToken,
                        null,
                        WebhookReceived.CANDIDATE_HIRED,
                        now,
                        applicationData("opp-no-id"));

        post(first).body("outcome", equalTo("accepted"));
        post(second).body("outcome", equalTo("accepted"));

        assertEquals(1, countPublished("token:" + first.get("token").asText()));
        assertEquals(1, countPublished("token:" + second.get("token").asText()));
    }

    @Test
    void purgesOnlyKeysOlderThanMaxDeliveryAge() {
        Instant now = Instant.now();
        String oldKey = "purge-old-" + UUID.randomUUID();
        String recentKey = "purge-recent-" + UUID.randomUUID();
        insertKey(oldKey, now.minus(Duration.ofDays(16)));
        insertKey(recentKey, now.minus(Duration.ofDays(14)));

        int deleted = purge.purge(now).await().atMost(WAIT);

        assertTrue(deleted >= 1, "deleted " + deleted);
        assertFalse(deliveries.exists(oldKey).await().atMost(WAIT));
        assertTrue(deliveries.exists(recentKey).await().atMost(WAIT));
    }

    private void insertKey(String key, Instant triggeredAt) {
        AcceptedDeliveryRepository.Row row =
                new AcceptedDeliveryRepository.Row(
                        key, installationId, "candidateHired", triggeredAt, triggeredAt);
        pool.withTransaction(
                        connection -> deliveries.insertAllIfAbsent(connection, List.of(row)))
                .await()
                .atMost(WAIT);
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
                .then()
                .statusCode(200);
    }
}
