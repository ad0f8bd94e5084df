package place.career.leversim.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversim.LeverFixtures.ACCOUNT;
import static place.career.leversim.LeverFixtures.CLIENT_ID;
import static place.career.leversim.LeverFixtures.CLIENT_SECRET;
import static place.career.leversim.LeverFixtures.OPPORTUNITY;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import place.career.leversim.LeverFixtures;
import place.career.leversim.LeverHttp;
import place.career.leversim.LeverSimulator;
import place.career.leversim.http.RecordedRequest;
import place.career.leversim.oauth.IssuedTokens;

class FaultInjectionTest {

    private static final String PATH = "/v1/opportunities/" + OPPORTUNITY;
    private static final String NOTES = "/v1/opportunities/*/notes";

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
    void failNextAnswersMatchingRequestsOnly() {
        simulator.failNext("POST", NOTES, 2, 503);

        HttpResponse<String> read = http.get(PATH, token);
        HttpResponse<String> first = http.post(PATH + "/notes", token, "{\"value\":\"a\"}");
        HttpResponse<String> second = http.post(PATH + "/notes", token, "{\"value\":\"b\"}");
        HttpResponse<String> third = http.post(PATH + "/notes", token, "{\"value\":\"c\"}");

        assertEquals(200, read.statusCode());
        assertEquals(503, first.statusCode());
        assertEquals("ServiceUnavailable", LeverHttp.json(first).get("code").asText());
        assertEquals(503, second.statusCode());
        assertEquals(201, third.statusCode());
        assertEquals(1, simulator.opportunity(ACCOUNT, OPPORTUNITY).notes().size());
        RecordedRequest failed = simulator.requests("POST", NOTES).get(0);
        assertEquals(503, failed.status());
        assertEquals(ACCOUNT, failed.accountId());
    }

    @Test
    void failNextWithoutPatternHitsAnyRequest() {
        simulator.failNext(1, 500);

        assertEquals(500, http.get(PATH, token).statusCode());
        assertEquals(200, http.get(PATH, token).statusCode());
    }

    @Test
    void serverErrorAfterApplyKeepsTheNote() {
        simulator.failAfterApply("POST", NOTES, 1, AfterApplyFailure.SERVER_ERROR);

        HttpResponse<String> response = http.post(PATH + "/notes", token, "{\"value\":\"once\"}");

        assertEquals(500, response.statusCode());
        assertEquals(1, simulator.opportunity(ACCOUNT, OPPORTUNITY).notes().size());
    }

    @Test
    void droppedConnectionAfterApplyKeepsTheNote() {
        simulator.failAfterApply("POST", NOTES, 1, AfterApplyFailure.DROP_CONNECTION);
        HttpRequest request = http.builder(PATH + "/notes", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"value\":\"once\"}")).build();

        assertThrows(IOException.class, () -> http.sendRaw(request));

        assertEquals(1, simulator.opportunity(ACCOUNT, OPPORTUNITY).notes().size());
        assertEquals(0, simulator.requests("POST", NOTES).get(0).status());
    }

    @Test
    void timeoutAfterApplyKeepsTheTag() {
        simulator.setTimeoutHang(Duration.ofSeconds(5));
        simulator.failAfterApply("POST", "/v1/opportunities/*/addTags", 1,
                AfterApplyFailure.TIMEOUT);
        HttpRequest request = http.builder(PATH + "/addTags", token)
                .timeout(Duration.ofMillis(500))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tags\":[\"CP-Sent\"]}")).build();

        assertThrows(HttpTimeoutException.class, () -> http.sendRaw(request));

        assertTrue(simulator.opportunity(ACCOUNT, OPPORTUNITY).tags().contains("CP-Sent"));
        assertEquals(0, simulator.requests("POST", "/v1/opportunities/*/addTags").get(0).status());
    }

    @Test
    void failedWriteIsNotCountedAsApplied() {
        simulator.failAfterApply("PUT", "/v1/opportunities/*/stage", 1,
                AfterApplyFailure.SERVER_ERROR);

        HttpResponse<String> rejected = http.put(PATH + "/stage", token, "{\"stage\":\"nope\"}");
        HttpResponse<String> applied = http.put(PATH + "/stage", token,
                "{\"stage\":\"" + LeverFixtures.QUALIFIED_STAGE + "\"}");

        assertEquals(400, rejected.statusCode());
        assertEquals(500, applied.statusCode());
        assertEquals(LeverFixtures.QUALIFIED_STAGE,
                simulator.opportunity(ACCOUNT, OPPORTUNITY).stage());
    }

    @Test
    void delayNextSlowsMatchingRequest() {
        simulator.delayNext("GET", "/v1/opportunities/*", 1, Duration.ofMillis(400));

        long start = System.nanoTime();
        int status = http.get(PATH, token).statusCode();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, status);
        assertTrue(elapsedMillis >= 400, "took " + elapsedMillis + " ms");
    }

    @Test
    void lostRefreshResponseThenRetryRevokesGrant() {
        IssuedTokens issued = LeverFixtures.integrationTokens(simulator);
        simulator.failAfterApply("POST", "/oauth/token", 1, AfterApplyFailure.SERVER_ERROR);
        Map<String, String> form = Map.of("grant_type", "refresh_token", "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET, "refresh_token", issued.refreshToken());

        HttpResponse<String> lost = http.postForm("/oauth/token", form);
        HttpResponse<String> retried = http.postForm("/oauth/token", form);

        assertEquals(500, lost.statusCode());
        assertEquals(403, retried.statusCode());
        assertEquals(401, http.get(PATH, issued.accessToken()).statusCode());
    }

    @Test
    void clearFaultsRemovesPendingRules() {
        simulator.failNext(5, 503);

        simulator.clearFaults();

        assertEquals(200, http.get(PATH, token).statusCode());
    }

    @Test
    void failureStatusMustBeAnError() {
        assertThrows(IllegalArgumentException.class, () -> simulator.failNext(1, 200));
        assertThrows(IllegalArgumentException.class,
                () -> simulator.failNext("GET", "v1/no-slash", 1, 500));
    }
}
