package place.career.leversim.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import place.career.leversim.LeverHttp;
import place.career.leversim.LeverSimulator;
import place.career.leversim.WebhookReceiver;
import place.career.leversim.webhook.WebhookSigner;

class AdminEndpointTest {

    private static final String SEED = """
            {"accountId": "acct-demo",
             "users": [{"id": "u-admin", "name": "Ada", "email": "ada@example.com"}],
             "stages": [{"id": "applicant-new", "text": "New applicant"},
                        {"id": "qualified", "text": "Qualified"}],
             "postings": [{"id": "p-1", "text": "Engineer"}],
             "opportunities": [{"id": "o-1", "name": "Zoë", "email": "zoe@example.com",
                                "postingId": "p-1"}],
             "consentUserId": "u-admin"}
            """;

    private LeverSimulator simulator;
    private LeverHttp http;

    @BeforeEach
    void start() {
        simulator = LeverSimulator.start(0);
        http = new LeverHttp(simulator.baseUrl());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void seedCreatesAccountAndReturnsOpportunities() {
        HttpResponse<String> response = http.post("/_sim/accounts", null, SEED);

        assertEquals(201, response.statusCode());
        JsonNode created = LeverHttp.json(response).get("opportunities").get(0);
        assertEquals("o-1", created.get("id").asText());
        assertEquals("applicant-new", created.get("stage").asText());
        assertEquals("Zoë", simulator.opportunity("acct-demo", "o-1").name());
        assertTrue(created.get("applications").get(0).hasNonNull("id"));
    }

    @Test
    void stateShowsTagsNotesAndStage() {
        http.post("/_sim/accounts", null, SEED);
        JsonNode tokens = LeverHttp.json(http.post("/_sim/tokens", null,
                "{\"accountId\":\"acct-demo\",\"userId\":\"u-admin\","
                        + "\"scopes\":\"opportunities:write:admin notes:write:admin\"}"));
        String token = tokens.get("access_token").asText();
        http.post("/v1/opportunities/o-1/addTags", token, "{\"tags\":[\"CP-Qual\"]}");
        http.post("/v1/opportunities/o-1/notes", token, "{\"value\":\"Qualified: 李\"}");
        http.post("/_sim/accounts/acct-demo/opportunities/o-1/stage", null,
                "{\"stage\":\"qualified\"}");

        JsonNode state = LeverHttp.json(
                http.get("/_sim/accounts/acct-demo/opportunities/o-1", null));

        assertEquals("CP-Qual", state.get("tags").get(0).asText());
        assertEquals("Qualified: 李", state.get("notes").get(0).get("value").asText());
        assertEquals("qualified", state.get("stage").asText());
    }

    @Test
    void requestLogListsLeverCallsOnly() {
        http.post("/_sim/accounts", null, SEED);
        http.get("/v1/opportunities/o-1", null);

        JsonNode log = LeverHttp.json(http.get("/_sim/requests", null)).get("data");

        assertEquals(1, log.size());
        assertEquals("/v1/opportunities/o-1", log.get(0).get("path").asText());
        assertEquals(401, log.get(0).get("status").asInt());
    }

    @Test
    void sendWebhookSignsAndReportsStatus() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            HttpResponse<String> response = http.post("/_sim/webhooks/send", null,
                    "{\"url\":\"" + receiver.url() + "\",\"signingToken\":\"tok\","
                            + "\"event\":\"candidateHired\",\"data\":{\"opportunityId\":\"o-1\"},"
                            + "\"omitId\":true}");

            assertEquals(200, LeverHttp.json(response).get("status").asInt());
            JsonNode body = receiver.deliveries().get(0).body();
            assertTrue(WebhookSigner.verify("tok", body.get("token").asText(),
                    body.get("triggeredAt").asLong(), body.get("signature").asText()));
            assertEquals("o-1", body.get("data").get("opportunityId").asText());
        }
    }

    @Test
    void faultEndpointInjectsFailure() {
        http.post("/_sim/faults", null,
                "{\"type\":\"failNext\",\"method\":\"GET\",\"path\":\"/v1/**\",\"status\":502}");

        assertEquals(502, http.get("/v1/opportunities/o-1", null).statusCode());
        assertEquals(401, http.get("/v1/opportunities/o-1", null).statusCode());
    }

    @Test
    void unknownAccountGets404AndBadSeedGets400() {
        assertEquals(404, http.get("/_sim/accounts/nobody/opportunities/o-1", null).statusCode());
        assertEquals(400, http.post("/_sim/accounts", null, "{\"users\":[]}").statusCode());
        assertEquals(400, http.post("/_sim/faults", null, "{\"type\":\"explode\"}").statusCode());
    }

    @Test
    void resetForgetsAccounts() {
        http.post("/_sim/accounts", null, SEED);

        assertEquals(204, http.post("/_sim/reset", null, "{}").statusCode());

        assertThrows(IllegalArgumentException.class,
                () -> simulator.opportunity("acct-demo", "o-1"));
    }

    @Test
    void seedAllAcceptsArrayOfAccounts() {
        String two = "[" + SEED + ", {\"accountId\": \"acct-other\"}]";

        int accounts = AccountSeeder.seedAll(simulator, two.getBytes(StandardCharsets.UTF_8));

        assertEquals(2, accounts);
        assertEquals("acct-other", simulator.account("acct-other").id());
    }
}
