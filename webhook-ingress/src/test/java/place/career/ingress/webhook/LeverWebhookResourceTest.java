package place.career.ingress.webhook;

import static io.restassured.RestAssured.given;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static place.career.ingress.IngressFixtures.SHARED_PATH;
import static place.career.ingress.IngressFixtures.applicationData;
import static place.career.ingress.IngressFixtures.emptyData;
import static place.career.ingress.IngressFixtures.envelope;
import static place.career.ingress.IngressFixtures.installationPath;
import static place.career.ingress.IngressFixtures.newSigningToken;
import static place.career.ingress.IngressFixtures.publishedFor;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;


import org.junit.jupiter.api.Test;

import place.career.events.Topics;
import place.career.events.WebhookReceived;
import place.career.leversim.webhook.WebhookSender;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.PostgresResource;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The main path: a signed Lever delivery becomes one record on the webhook topic. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresResource.class)
class LeverWebhookResourceTest extends ConnectedInstallationTest {

    @TestHTTPResource(SHARED_PATH)
    URL sharedUrl;

    @Test
    void publishesSignedApplicationCreated() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-1"));

        post(SHARED_PATH, envelope).then().statusCode(200).body("outcome", equalTo("accepted"));

        List<WebhookReceived> records = awaitPublished(envelope.get("id").asText(), 1);
        WebhookReceived record = records.get(0);
        assertEquals(installationId, record.installationId());
        assertEquals("applicationCreated", record.event());
        assertEquals("opp-1", record.opportunityId());
        assertEquals("app-opp-1", record.applicationId());
        assertEquals("contact-opp-1", record.contactId());
        assertEquals(envelope.get("triggeredAt").asLong(), record.triggeredAt());
        assertFalse(record.connectionCheck());
        assertEquals(installationId + ":opp-1", record.key());
    }

    @Test
    void acceptsDeliveryFromLeverSimulatorSender() {
        WebhookSender sender = new WebhookSender();
        int status =
                sender.send(
                        sharedUrl.toString(),
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        Map.of("opportunityId", "opp-sim", "contactId", "contact-sim"));

        assertEquals(200, status);
        kafka.awaitRecords(
                Topics.LEVER_WEBHOOKS,
                WebhookReceived.class,
                record ->
                        installationId.equals(record.installationId())
                                && "opp-sim".equals(record.opportunityId()),
                1,
                Duration.ofSeconds(20));
    }

    @Test
    void rejectsDeliveryWithBadSignature() {
        ObjectNode envelope =
                envelope(
                        newSigningToken(),
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-2"));

        post(SHARED_PATH, envelope)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/signature-mismatch"))
                .body("status", equalTo(401));

        assertTrue(publishedFor(kafka, installationId).isEmpty());
    }

    @Test
    void publishesVerifyConnectionAsConnectionCheck() {
        ObjectNode envelope = envelope(signingToken, WebhookReceived.CANDIDATE_HIRED, emptyData());

        post(SHARED_PATH, envelope)
                .then()
                .statusCode(200)
                .body("outcome", equalTo("connection-check"));

        WebhookReceived record = awaitPublished(envelope.get("id").asText(), 1).get(0);
        assertTrue(record.connectionCheck());
        assertNull(record.opportunityId());
        assertEquals(installationId, record.key());
    }

    @Test
    void acknowledgesRedeliveryWithoutPublishingAgain() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-3"));

        post(SHARED_PATH, envelope).then().statusCode(200).body("outcome", equalTo("accepted"));
        post(SHARED_PATH, envelope).then().statusCode(200).body("outcome", equalTo("duplicate"));
        post(installationPath(installationId), envelope)
                .then()
                .statusCode(200)
                .body("outcome", equalTo("duplicate"));

        String deliveryId = envelope.get("id").asText();
        awaitPublished(deliveryId, 1);
        long copies =
                publishedFor(kafka, installationId).stream()
                        .filter(record -> deliveryId.equals(record.deliveryId()))
                        .count();
        assertEquals(1, copies);
    }

    @Test
    void deduplicatesOnTokenWhenIdIsAbsent() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        null,
                        WebhookReceived.CANDIDATE_HIRED,
                        System.currentTimeMillis(),
                        applicationData("opp-4"));

        post(SHARED_PATH, envelope).then().statusCode(200).body("outcome", equalTo("accepted"));
        post(SHARED_PATH, envelope).then().statusCode(200).body("outcome", equalTo("duplicate"));

        String deliveryId = "token:" + envelope.get("token").asText();
        assertEquals(1, awaitPublished(deliveryId, 1).size());
    }

    @Test
    void acceptsDeliveryOnInstallationUrl() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.CANDIDATE_STAGE_CHANGE,
                        applicationData("opp-5")
                                .put("fromStageId", "lead-new")
                                .put("toStageId", "stage-qualified"));

        post(installationPath(installationId), envelope)
                .then()
                .statusCode(200)
                .body("outcome", equalTo("accepted"));

        WebhookReceived record = awaitPublished(envelope.get("id").asText(), 1).get(0);
        assertEquals("lead-new", record.fromStageId());
        assertEquals("stage-qualified", record.toStageId());
    }

    private static io.restassured.response.Response post(String path, ObjectNode envelope) {
        return given().contentType("application/json").body(envelope.toString()).when().post(path);
    }

    private List<WebhookReceived> awaitPublished(String deliveryId, int count) {
        return kafka.awaitRecords(
                Topics.LEVER_WEBHOOKS,
                WebhookReceived.class,
                record -> deliveryId.equals(record.deliveryId()),
                count,
                Duration.ofSeconds(20));
    }
}
