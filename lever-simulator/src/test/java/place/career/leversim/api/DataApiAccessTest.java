package place.career.leversim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversim.LeverFixtures.ACCOUNT;
import static place.career.leversim.LeverFixtures.OPPORTUNITY;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import place.career.leversim.LeverFixtures;
import place.career.leversim.LeverHttp;
import place.career.leversim.LeverSimulator;

class DataApiAccessTest {

    private static final String PATH = "/v1/opportunities/" + OPPORTUNITY;

    private LeverSimulator simulator;
    private LeverHttp http;

    @BeforeEach
    void start() {
        simulator = LeverSimulator.start(0);
        http = new LeverHttp(simulator.baseUrl());
        LeverFixtures.seedAccount(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void missingTokenGets401WithLeverBody() {
        HttpResponse<String> response = http.get(PATH, null);

        assertEquals(401, response.statusCode());
        assertEquals("Unauthorized", LeverHttp.json(response).get("code").asText());
        assertTrue(LeverHttp.json(response).hasNonNull("message"));
    }

    @Test
    void unknownTokenGets401() {
        assertEquals(401, http.get(PATH, "made-up-token").statusCode());
    }

    @Test
    void missingScopeGets403() {
        String readOnly = LeverFixtures.accessToken(simulator, "opportunities:read:admin");

        HttpResponse<String> note = http.post(PATH + "/notes", readOnly, "{\"value\":\"x\"}");
        HttpResponse<String> tags = http.post(PATH + "/addTags", readOnly, "{\"tags\":[\"a\"]}");
        HttpResponse<String> read = http.get(PATH, readOnly);

        assertEquals(403, note.statusCode());
        assertEquals("Forbidden", LeverHttp.json(note).get("code").asText());
        assertEquals(403, tags.statusCode());
        assertEquals(200, read.statusCode());
        assertTrue(simulator.opportunity(ACCOUNT, OPPORTUNITY).notes().isEmpty());
    }

    @Test
    void unknownPerformAsGets400() {
        String token = LeverFixtures.integrationTokens(simulator).accessToken();

        HttpResponse<String> response = http.post(PATH + "/addTags?perform_as=ghost", token,
                "{\"tags\":[\"CP-Sent\"]}");

        assertEquals(400, response.statusCode());
        assertTrue(simulator.opportunity(ACCOUNT, OPPORTUNITY).tags().isEmpty());
    }

    @Test
    void unknownOpportunityGets404() {
        String token = LeverFixtures.integrationTokens(simulator).accessToken();

        HttpResponse<String> response = http.get("/v1/opportunities/no-such-id", token);

        assertEquals(404, response.statusCode());
        assertEquals("ResourceNotFound", LeverHttp.json(response).get("code").asText());
    }

    @Test
    void deletedOpportunityGets404() {
        String token = LeverFixtures.integrationTokens(simulator).accessToken();

        simulator.deleteOpportunity(ACCOUNT, OPPORTUNITY);

        assertEquals(404, http.get(PATH, token).statusCode());
        assertEquals(404, http.post(PATH + "/notes", token, "{\"value\":\"x\"}").statusCode());
    }

    @Test
    void confidentialOpportunityNeedsConfidentialAccess() {
        simulator.setConfidential(ACCOUNT, OPPORTUNITY, true);
        String plain = LeverFixtures.integrationTokens(simulator).accessToken();
        String confidential = LeverFixtures.accessToken(simulator, "opportunities:read:admin",
                "confidential:access:admin");

        assertEquals(403, http.get(PATH, plain).statusCode());
        assertEquals(200, http.get(PATH, confidential).statusCode());
    }

    @Test
    void unknownRouteGets404AndWrongMethod405() {
        String token = LeverFixtures.integrationTokens(simulator).accessToken();

        assertEquals(404, http.get("/v1/candidates", token).statusCode());
        assertEquals(405, http.put(PATH + "/notes", token, "{}").statusCode());
    }

    @Test
    void requestLogRecordsAccountAndStatus() {
        String token = LeverFixtures.integrationTokens(simulator).accessToken();

        http.post(PATH + "/addTags?perform_as=" + LeverFixtures.ADMIN, token,
                "{\"tags\":[\"CP-Sent\"]}");
        http.get(PATH, null);

        var tagCalls = simulator.requests("POST", "/v1/opportunities/*/addTags");
        assertEquals(1, tagCalls.size());
        assertEquals(ACCOUNT, tagCalls.get(0).accountId());
        assertEquals(200, tagCalls.get(0).status());
        assertEquals("perform_as=" + LeverFixtures.ADMIN, tagCalls.get(0).query());
        assertEquals(2, simulator.requests().size());
    }
}
