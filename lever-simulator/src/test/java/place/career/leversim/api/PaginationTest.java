package place.career.leversim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversim.LeverFixtures.ACCOUNT;
import static place.career.leversim.LeverFixtures.OPPORTUNITY;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import place.career.leversim.LeverFixtures;
import place.career.leversim.LeverHttp;
import place.career.leversim.LeverSimulator;

class PaginationTest {

    private LeverSimulator simulator;
    private LeverHttp http;
    private String token;

    @BeforeEach
    void start() {
        simulator = LeverSimulator.start(0);
        http = new LeverHttp(simulator.baseUrl());
        LeverFixtures.seedAccount(simulator);
        for (int i = 1; i <= 24; i++) {
            String state = i % 3 == 0 ? "closed" : "published";
            simulator.addPosting(ACCOUNT, "posting-" + i, "Job " + i, state);
        }
        token = LeverFixtures.integrationTokens(simulator).accessToken();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void pagesThroughPostingsToTheEnd() {
        List<String> ids = new ArrayList<>();
        int pages = 0;
        String offset = null;
        boolean hasNext = true;
        while (hasNext) {
            String query = offset == null
                    ? "?limit=10"
                    : "?limit=10&offset=" + LeverHttp.encode(offset);
            JsonNode page = LeverHttp.json(http.get("/v1/postings" + query, token));
            page.get("data").forEach(posting -> ids.add(posting.get("id").asText()));
            hasNext = page.get("hasNext").asBoolean();
            offset = hasNext ? page.get("next").asText() : null;
            pages++;
        }

        assertEquals(25, ids.size());
        assertEquals(25, new HashSet<>(ids).size());
        assertEquals(3, pages);
    }

    @Test
    void lastPageHasNoNext() {
        JsonNode page = LeverHttp.json(http.get("/v1/postings", token));

        assertEquals(25, page.get("data").size());
        assertFalse(page.get("hasNext").asBoolean());
        assertFalse(page.has("next"));
    }

    @Test
    void stateFilterApplies() {
        JsonNode page = LeverHttp.json(http.get("/v1/postings?state=closed", token));

        assertEquals(8, page.get("data").size());
        page.get("data").forEach(posting -> assertEquals("closed", posting.get("state").asText()));
    }

    @Test
    void invalidStateGets400() {
        assertEquals(400, http.get("/v1/postings?state=open", token).statusCode());
    }

    @Test
    void madeUpOffsetGets400() {
        HttpResponse<String> response = http.get("/v1/postings?offset=0.123.abc", token);

        assertEquals(400, response.statusCode());
        assertEquals("BadRequest", LeverHttp.json(response).get("code").asText());
    }

    @Test
    void offsetFromAnotherListingGets400() {
        String next = LeverHttp.json(http.get("/v1/postings?limit=5", token)).get("next").asText();

        HttpResponse<String> response = http.get("/v1/postings?state=closed&limit=5&offset="
                + LeverHttp.encode(next), token);

        assertEquals(400, response.statusCode());
    }

    @Test
    void limitOutsideRangeGets400() {
        assertEquals(400, http.get("/v1/postings?limit=0", token).statusCode());
        assertEquals(400, http.get("/v1/postings?limit=101", token).statusCode());
        assertEquals(400, http.get("/v1/postings?limit=ten", token).statusCode());
        assertEquals(200, http.get("/v1/postings?limit=100", token).statusCode());
    }

    @Test
    void confidentialPostingsHiddenWithoutAccess() {
        simulator.setPostingConfidential(ACCOUNT, "posting-1", true);
        String confidential = LeverFixtures.accessToken(simulator, "postings:read:admin",
                "confidential:access:admin");

        int plainAll = LeverHttp.json(http.get("/v1/postings?confidentiality=all", token))
                .get("data").size();
        int withAccess = LeverHttp.json(http.get("/v1/postings?confidentiality=all",
                confidential)).get("data").size();
        int defaultFilter = LeverHttp.json(http.get("/v1/postings", confidential))
                .get("data").size();

        assertEquals(24, plainAll);
        assertEquals(25, withAccess);
        assertEquals(24, defaultFilter);
    }

    @Test
    void notesPaginate() {
        for (int i = 0; i < 7; i++) {
            http.post("/v1/opportunities/" + OPPORTUNITY + "/notes", token,
                    "{\"value\":\"note " + i + "\"}");
        }

        JsonNode first = LeverHttp.json(http.get("/v1/opportunities/" + OPPORTUNITY
                + "/notes?limit=5", token));
        JsonNode second = LeverHttp.json(http.get("/v1/opportunities/" + OPPORTUNITY
                + "/notes?limit=5&offset=" + LeverHttp.encode(first.get("next").asText()), token));

        assertEquals(5, first.get("data").size());
        assertTrue(first.get("hasNext").asBoolean());
        assertEquals(2, second.get("data").size());
        assertFalse(second.get("hasNext").asBoolean());
    }

    @Test
    void stagesUsersAndArchiveReasonsList() {
        JsonNode stages = LeverHttp.json(http.get("/v1/stages", token)).get("data");
        JsonNode users = LeverHttp.json(http.get("/v1/users?email=ADA@example.com", token))
                .get("data");
        JsonNode reasons = LeverHttp.json(http.get("/v1/archive_reasons?type=non-hired", token))
                .get("data");

        assertEquals(2, stages.size());
        assertEquals("applicant-new", stages.get(0).get("id").asText());
        assertEquals(1, users.size());
        assertEquals(LeverFixtures.ADMIN, users.get(0).get("id").asText());
        assertEquals(1, reasons.size());
    }
}
