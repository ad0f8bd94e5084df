package place.career.leversim.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversim.LeverFixtures.ACCOUNT;
import static place.career.leversim.LeverFixtures.OPPORTUNITY;
import static place.career.leversim.LeverFixtures.QUALIFIED_STAGE;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import place.career.leversim.LeverFixtures;
import place.career.leversim.LeverHttp;
import place.career.leversim.LeverSimulator;
import place.career.leversim.WebhookReceiver;

class WebhookDeliveryTest {

    private static final String SIGNING_TOKEN = "whsec-test-token";

    private LeverSimulator simulator;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        simulator = LeverSimulator.start(0);
        receiver = new WebhookReceiver();
        LeverFixtures.seedAccount(simulator);
    }

    @AfterEach
    void stop() {
        receiver.close();
        simulator.close();
    }

    @Test
    void senderPostsSignedEnvelope() {
        int status = new WebhookSender().send(receiver.url(), SIGNING_TOKEN, "applicationCreated",
                Map.of("opportunityId", "o1"));

        assertEquals(200, status);
        WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
        JsonNode body = delivery.body();
        assertEquals("Lever-Webhooks", delivery.userAgent());
        assertEquals("application/json", delivery.contentType());
        assertTrue(body.hasNonNull("id"));
        assertTrue(WebhookSigner.verify(SIGNING_TOKEN, body.get("token").asText(),
                body.get("triggeredAt").asLong(), body.get("signature").asText()));
    }

    @Test
    void senderCanOmitId() {
        new WebhookSender().send(receiver.url(), SIGNING_TOKEN, "candidateHired", Map.of(), false);

        assertFalse(receiver.deliveries().get(0).body().has("id"));
    }

    @Test
    void senderReturnsRedirectWithoutFollowing() {
        receiver.respondWith(302);

        int status = new WebhookSender().send(receiver.url(), SIGNING_TOKEN, "candidateHired",
                Map.of());

        assertEquals(302, status);
        assertEquals(1, receiver.deliveries().size());
    }

    @Test
    void senderReportsConnectionFailure() {
        String closedPort = "http://127.0.0.1:1/hooks";

        assertThrows(UncheckedIOException.class, () -> new WebhookSender().send(closedPort,
                SIGNING_TOKEN, "candidateHired", Map.of()));
    }

    @Test
    void stageChangeThroughApiFiresSubscribedWebhook() {
        simulator.subscribeWebhook(ACCOUNT, "candidateStageChange", receiver.url(), SIGNING_TOKEN);
        String token = LeverFixtures.integrationTokens(simulator).accessToken();

        new LeverHttp(simulator.baseUrl()).put("/v1/opportunities/" + OPPORTUNITY + "/stage",
                token, "{\"stage\":\"" + QUALIFIED_STAGE + "\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries().size() == 1);
        JsonNode body = receiver.deliveries().get(0).body();
        JsonNode data = body.get("data");
        assertEquals("candidateStageChange", body.get("event").asText());
        assertEquals(OPPORTUNITY, data.get("opportunityId").asText());
        assertEquals(OPPORTUNITY, data.get("candidateId").asText());
        assertEquals("applicant-new", data.get("fromStageId").asText());
        assertEquals(QUALIFIED_STAGE, data.get("toStageId").asText());
        assertTrue(WebhookSigner.verify(SIGNING_TOKEN, body.get("token").asText(),
                body.get("triggeredAt").asLong(), body.get("signature").asText()));
    }

    @Test
    void failedDeliveryIsRetriedWithSameEnvelope() {
        simulator.setWebhookRetryDelays(List.of(Duration.ofMillis(50), Duration.ofMillis(50)));
        simulator.subscribeWebhook(ACCOUNT, "applicationCreated", receiver.url(), SIGNING_TOKEN);
        receiver.respondWith(500, 302);

        simulator.addOpportunity(ACCOUNT, "opp-new", "Li Wei", "li@example.com",
                LeverFixtures.POSTING);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries().size() == 3);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.webhookDeliveries().size() == 3);
        List<WebhookDelivery> attempts = simulator.webhookDeliveries();
        assertEquals(List.of(500, 302, 200),
                attempts.stream().map(WebhookDelivery::status).toList());
        assertEquals(List.of(1, 2, 3), attempts.stream().map(WebhookDelivery::attempt).toList());
        JsonNode first = receiver.deliveries().get(0).body();
        JsonNode last = receiver.deliveries().get(2).body();
        assertEquals(first.get("token"), last.get("token"));
        assertEquals("opp-new", last.get("data").get("opportunityId").asText());
        assertTrue(last.get("data").hasNonNull("applicationId"));
    }

    @Test
    void archiveHireAndDeleteFireTheirEvents() {
        for (String event : List.of("candidateArchiveChange", "candidateHired",
                "candidateDeleted")) {
            simulator.subscribeWebhook(ACCOUNT, event, receiver.url(), SIGNING_TOKEN);
        }

        simulator.hire(ACCOUNT, OPPORTUNITY, "reason-hired");
        simulator.deleteOpportunity(ACCOUNT, OPPORTUNITY);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries().size() == 3);
        List<String> events = receiver.deliveries().stream()
                .map(delivery -> delivery.body().get("event").asText()).toList();
        assertEquals(List.of("candidateHired", "candidateArchiveChange", "candidateDeleted"),
                events);
        JsonNode archive = receiver.deliveries().get(1).body().get("data");
        assertTrue(archive.get("fromArchived").isNull());
        assertEquals("reason-hired", archive.get("toArchived").get("reason").asText());
    }

    @Test
    void envelopesOmitIdWhenConfigured() {
        simulator.setWebhookIds(false);
        simulator.subscribeWebhook(ACCOUNT, "candidateStageChange", receiver.url(), null);

        simulator.moveToStage(ACCOUNT, OPPORTUNITY, QUALIFIED_STAGE);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries().size() == 1);
        JsonNode body = receiver.deliveries().get(0).body();
        assertFalse(body.has("id"));
        assertFalse(body.has("signature"));
    }
}
