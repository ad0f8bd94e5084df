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
import static place.career.ingress.IngressFixtures.newSigningToken;
import static place.career.ingress.IngressFixtures.publishedFor;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;


import org.junit.jupiter.api.Test;

import place.career.events.EventJson;
import place.career.events.Topics;
import place.career.events.WebhookReceived;
import place.career.ingress.IngressMetrics;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.PostgresResource;

import java.time.Duration;

/** Each of Lever's events is published with its ids, or acknowledged and counted when unused. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresResource.class)
class WebhookEventsTest extends ConnectedInstallationTest {

    @Test
    void publishesArchiveWithReason() {
        ObjectNode data = applicationData("opp-archived");
        data.putObject("fromArchived").putNull("archivedAt").putNull("reason");
        data.putObject("toArchived")
                .put("archivedAt", 1_700_000_000_000L)
                .put("reason", "reason-7");

        WebhookReceived record = acceptAndRead(WebhookReceived.CANDIDATE_ARCHIVE_CHANGE, data);

        assertEquals(Boolean.TRUE, record.archived());
        assertEquals("reason-7", record.archiveReasonId());
        assertEquals("opp-archived", record.opportunityId());
    }

    @Test
    void publishesUnarchiveAsNotArchived() {
        ObjectNode data = applicationData("opp-unarchived");
        data.putObject("fromArchived").put("archivedAt", 1_700_000_000_000L).put("reason", "r-1");
        data.putNull("toArchived");

        WebhookReceived record = acceptAndRead(WebhookReceived.CANDIDATE_ARCHIVE_CHANGE, data);

        assertEquals(Boolean.FALSE, record.archived());
        assertNull(record.archiveReasonId());
    }

    @Test
    void publishesHiredAndDeleted() {
        WebhookReceived hired =
                acceptAndRead(WebhookReceived.CANDIDATE_HIRED, applicationData("opp-hired"));
        WebhookReceived deleted =
                acceptAndRead(
                        WebhookReceived.CANDIDATE_DELETED,
                        applicationData("opp-deleted").put("deletedBy", "user-1"));

        assertEquals("candidateHired", hired.event());
        assertEquals("opp-hired", hired.opportunityId());
        assertEquals("candidateDeleted", deleted.event());
        assertEquals("opp-deleted", deleted.opportunityId());
        assertNull(deleted.archived());
    }

    @Test
    void takesOpportunityFromDeprecatedCandidateId() {
        ObjectNode data = EventJson.mapper().createObjectNode().put("candidateId", "opp-alias");

        WebhookReceived record = acceptAndRead(WebhookReceived.CANDIDATE_STAGE_CHANGE, data);

        assertEquals("opp-alias", record.opportunityId());
    }

    @Test
    void ignoresFieldsLeverMayAdd() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-extra").put("newField", "x"));
        envelope.put("apiVersion", "v2");

        post(envelope).statusCode(200).body("outcome", equalTo("accepted"));

        awaitRecord(envelope.get("id").asText());
    }

    @Test
    void acknowledgesUnknownEventWithoutPublishing() {
        double before = IngressMetrics.deliveries("outcome", "unknown-event");
        ObjectNode envelope =
                envelope(signingToken, "candidateTeleported", applicationData("opp-unknown"));

        post(envelope).statusCode(200).body("outcome", equalTo("unknown-event"));

        assertEquals(before + 1, IngressMetrics.deliveries("outcome", "unknown-event"));
        assertNotPublished(envelope.get("id").asText());
    }

    @Test
    void acknowledgesUnusedEventWithoutPublishing() {
        double before = IngressMetrics.deliveries("outcome", "unused-event");
        ObjectNode envelope =
                envelope(
                        signingToken,
                        "interviewCreated",
                        EventJson.mapper().createObjectNode().put("interviewId", "int-1"));

        post(envelope).statusCode(200).body("outcome", equalTo("unused-event"));

        assertEquals(before + 1, IngressMetrics.deliveries("outcome", "unused-event"));
        assertNotPublished(envelope.get("id").asText());
    }

    @Test
    void rejectsUnknownEventWithBadSignature() {
        ObjectNode envelope =
                envelope(
                        newSigningToken(),
                        "candidateTeleported",
                        applicationData("opp-unknown-unsigned"));

        post(envelope).statusCode(401);
    }

    @Test
    void publishesConnectionCheckForAnyEventName() {
        ObjectNode envelope = envelope(signingToken, "interviewUpdated", emptyData());

        post(envelope).statusCode(200).body("outcome", equalTo("connection-check"));

        WebhookReceived record = awaitRecord(envelope.get("id").asText());
        assertTrue(record.connectionCheck());
        assertEquals("interviewUpdated", record.event());
    }

    @Test
    void publishesFunnelEventWithConnectionCheckFalse() {
        WebhookReceived record =
                acceptAndRead(WebhookReceived.APPLICATION_CREATED, applicationData("opp-flag"));

        assertFalse(record.connectionCheck());
    }

    private WebhookReceived acceptAndRead(String event, ObjectNode data) {
        ObjectNode envelope = envelope(signingToken, event, data);
        post(envelope).statusCode(200).body("outcome", equalTo("accepted"));
        return awaitRecord(envelope.get("id").asText());
    }

    private WebhookReceived awaitRecord(String deliveryId) {
        return kafka.awaitRecords(
                        Topics.LEVER_WEBHOOKS,
                        WebhookReceived.class,
                        record -> deliveryId.equals(record.deliveryId()),
                        1,
                        Duration.ofSeconds(20))
                .get(0);
    }

    private void assertNotPublished(String deliveryId) {
        assertTrue(
                publishedFor(kafka, installationId).stream()
                        .noneMatch(record -> deliveryId.equals(record.deliveryId())));
    }

    private static io.restassured.response.ValidatableResponse post(ObjectNode envelope) {
        return given().contentType("application/json")
                .body(envelope.toString())
                .when()
                .post(SHARED_PATH)
                .then();
    }
}
