package place.career.leversim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversim.LeverFixtures.ACCOUNT;
import static place.career.leversim.LeverFixtures.ADMIN;
import static place.career.leversim.LeverFixtures.OPPORTUNITY;
import static place.career.leversim.LeverFixtures.POSTING;
import static place.career.leversim.LeverFixtures.QUALIFIED_STAGE;
import static place.career.leversim.LeverFixtures.RECRUITER;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import place.career.leversim.LeverFixtures;
import place.career.leversim.LeverHttp;
import place.career.leversim.LeverSimulator;
import place.career.leversim.state.Note;
import place.career.leversim.state.OpportunitySnapshot;

class OpportunityApiTest {

    private static final String PATH = "/v1/opportunities/" + OPPORTUNITY;

    private LeverSimulator simulator;
    private LeverHttp http;
    private String token;

    @BeforeEach
    void start() {
        simulator = LeverSimulator.start(0);
        http = new LeverHttp(simulator.baseUrl());
        LeverFixtures.seedAccount(simulator);
        token = LeverFixtures.integrationTokens(simulator).accessToken();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void getInlinesApplicationsWhenExpanded() {
        JsonNode data = LeverHttp.json(http.get(PATH + "?expand=applications", token)).get("data");

        JsonNode application = data.get("applications").get(0);
        assertEquals(OPPORTUNITY, data.get("id").asText());
        assertEquals("zoe@example.com", data.get("emails").get(0).asText());
        assertEquals("https://hire.lever.co/candidates/" + OPPORTUNITY,
                data.get("urls").get("show").asText());
        assertEquals(POSTING, application.get("posting").asText());
        assertEquals(simulator.opportunity(ACCOUNT, OPPORTUNITY).applicationId(),
                application.get("id").asText());
    }

    @Test
    void getListsApplicationIdsWithoutExpand() {
        JsonNode data = LeverHttp.json(http.get(PATH, token)).get("data");

        assertTrue(data.get("applications").get(0).isTextual());
        assertEquals("applicant-new", data.get("stage").asText());
    }

    @Test
    void addTagsIsIdempotent() {
        http.post(PATH + "/addTags", token, "{\"tags\":[\"CP-Sent\"]}");

        HttpResponse<String> again = http.post(PATH + "/addTags", token,
                "{\"tags\":[\"CP-Sent\",\"CP-InProg\"]}");

        assertEquals(200, again.statusCode());
        JsonNode tags = LeverHttp.json(again).get("data").get("tags");
        assertEquals(2, tags.size());
        assertEquals("CP-Sent", tags.get(0).asText());
        assertEquals("CP-InProg", tags.get(1).asText());
        assertEquals(List.of("CP-Sent", "CP-InProg"),
                List.copyOf(simulator.opportunity(ACCOUNT, OPPORTUNITY).tags()));
    }

    @Test
    void removeTagsIgnoresAbsentTags() {
        http.post(PATH + "/addTags", token, "{\"tags\":[\"CP-Sent\",\"CP-InProg\"]}");

        HttpResponse<String> removed = http.post(PATH + "/removeTags", token,
                "{\"tags\":[\"CP-Sent\",\"CP-Qual\"]}");
        HttpResponse<String> removedAgain = http.post(PATH + "/removeTags", token,
                "{\"tags\":[\"CP-Sent\"]}");

        assertEquals(200, removed.statusCode());
        assertEquals(200, removedAgain.statusCode());
        assertEquals(List.of("CP-InProg"),
                List.copyOf(simulator.opportunity(ACCOUNT, OPPORTUNITY).tags()));
    }

    @Test
    void tagHistoryKeepsEveryIntermediateTagSet() {
        http.post(PATH + "/addTags", token, "{\"tags\":[\"CP-Sent\"]}");
        http.post(PATH + "/addTags", token, "{\"tags\":[\"CP-InProg\"]}");
        http.post(PATH + "/addTags", token, "{\"tags\":[\"CP-InProg\"]}");
        http.post(PATH + "/removeTags", token, "{\"tags\":[\"CP-Sent\"]}");

        List<Set<String>> history = simulator.tagHistory(ACCOUNT, OPPORTUNITY);

        assertEquals(List.of(Set.of("CP-Sent"), Set.of("CP-Sent", "CP-InProg"), Set.of("CP-InProg")),
                history);
    }

    @Test
    void tagsMustBeStringArray() {
        HttpResponse<String> response = http.post(PATH + "/addTags", token, "{\"tags\":\"x\"}");

        assertEquals(400, response.statusCode());
        assertEquals("BadRequest", LeverHttp.json(response).get("code").asText());
    }

    @Test
    void noteKeepsUtf8Text() {
        String value = "Zoë qualified for 李's team: https://career.place/a/123";

        HttpResponse<String> created = http.post(PATH + "/notes?perform_as=" + RECRUITER, token,
                "{\"value\":\"" + value + "\",\"secret\":true,\"score\":4}");

        assertEquals(201, created.statusCode());
        JsonNode data = LeverHttp.json(created).get("data");
        String noteId = data.get("noteId").asText();
        assertEquals(value, data.get("fields").get(0).get("value").asText());
        Note stored = simulator.opportunity(ACCOUNT, OPPORTUNITY).notes().get(0);
        assertEquals(noteId, stored.noteId());
        assertEquals(value, stored.value());
        assertEquals(RECRUITER, stored.user());
        assertTrue(stored.secret());
        JsonNode listed = LeverHttp.json(http.get(PATH + "/notes", token)).get("data").get(0);
        assertEquals(value, listed.get("fields").get(0).get("value").asText());
    }

    @Test
    void noteAuthorDefaultsToGrantingUser() {
        http.post(PATH + "/notes", token, "{\"value\":\"Invited\"}");

        assertEquals(ADMIN, simulator.opportunity(ACCOUNT, OPPORTUNITY).notes().get(0).user());
    }

    @Test
    void noteAcceptsPastCreatedAtOnly() {
        long past = System.currentTimeMillis() - 60_000;
        long future = System.currentTimeMillis() + 3_600_000;

        HttpResponse<String> inPast = http.post(PATH + "/notes", token,
                "{\"value\":\"Earlier\",\"createdAt\":" + past + "}");
        HttpResponse<String> inFuture = http.post(PATH + "/notes", token,
                "{\"value\":\"Later\",\"createdAt\":" + future + "}");

        assertEquals(201, inPast.statusCode());
        assertEquals(past, simulator.opportunity(ACCOUNT, OPPORTUNITY).notes().get(0).createdAt());
        assertEquals(400, inFuture.statusCode());
    }

    @Test
    void noteRejectsInvalidFields() {
        assertEquals(400, http.post(PATH + "/notes", token, "{}").statusCode());
        assertEquals(400, http.post(PATH + "/notes", token, "{\"value\":\"  \"}").statusCode());
        assertEquals(400, http.post(PATH + "/notes", token, "{\"value\":\"x\",\"score\":5}")
                .statusCode());
        assertEquals(400, http.post(PATH + "/notes", token, "{not json").statusCode());
        assertTrue(simulator.opportunity(ACCOUNT, OPPORTUNITY).notes().isEmpty());
    }

    @Test
    void stageChangeIsRecorded() {
        HttpResponse<String> response = http.put(PATH + "/stage?perform_as=" + RECRUITER, token,
                "{\"stage\":\"" + QUALIFIED_STAGE + "\"}");

        assertEquals(200, response.statusCode());
        assertEquals(QUALIFIED_STAGE, LeverHttp.json(response).get("data").get("stage").asText());
        OpportunitySnapshot opportunity = simulator.opportunity(ACCOUNT, OPPORTUNITY);
        assertEquals(QUALIFIED_STAGE, opportunity.stage());
        assertEquals(2, opportunity.stageChanges().size());
        assertEquals(QUALIFIED_STAGE, opportunity.stageChanges().get(1).toStageId());
        assertEquals(1, opportunity.stageChanges().get(1).toStageIndex());
        assertEquals(RECRUITER, opportunity.stageChanges().get(1).userId());
    }

    @Test
    void unknownStageGets400() {
        HttpResponse<String> response = http.put(PATH + "/stage", token,
                "{\"stage\":\"no-such-stage\"}");

        assertEquals(400, response.statusCode());
        assertEquals("applicant-new", simulator.opportunity(ACCOUNT, OPPORTUNITY).stage());
    }

    @Test
    void archiveAndUnarchive() {
        HttpResponse<String> archived = http.put(PATH + "/archived", token,
                "{\"reason\":\"reason-withdrew\"}");
        boolean archivedInState = simulator.opportunity(ACCOUNT, OPPORTUNITY).isArchived();
        HttpResponse<String> unknown = http.put(PATH + "/archived", token,
                "{\"reason\":\"reason-unknown\"}");
        HttpResponse<String> unarchived = http.put(PATH + "/archived", token, "{\"reason\":null}");

        assertEquals(200, archived.statusCode());
        assertEquals("reason-withdrew",
                LeverHttp.json(archived).get("data").get("archived").get("reason").asText());
        assertTrue(archivedInState);
        assertEquals(400, unknown.statusCode());
        assertEquals(200, unarchived.statusCode());
        assertTrue(LeverHttp.json(unarchived).get("data").get("archived").isNull());
    }
}
