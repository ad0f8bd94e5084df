package place.career.leversim.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static place.career.leversim.LeverFixtures.ACCOUNT;
import static place.career.leversim.LeverFixtures.ADMIN;
import static place.career.leversim.LeverFixtures.CLIENT_ID;
import static place.career.leversim.LeverFixtures.CLIENT_SECRET;
import static place.career.leversim.LeverFixtures.OPPORTUNITY;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import place.career.leversim.LeverFixtures;
import place.career.leversim.LeverHttp;
import place.career.leversim.LeverSimulator;
import place.career.leversim.MutableClock;

class TokenLifecycleTest {

    private static final String OPPORTUNITY_PATH = "/v1/opportunities/" + OPPORTUNITY;

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
    void refreshRotatesRefreshToken() {
        IssuedTokens issued = LeverFixtures.integrationTokens(simulator);

        JsonNode first = LeverHttp.json(refresh(issued.refreshToken()));
        JsonNode second = LeverHttp.json(refresh(first.get("refresh_token").asText()));

        assertNotEquals(issued.refreshToken(), first.get("refresh_token").asText());
        assertNotEquals(first.get("refresh_token").asText(),
                second.get("refresh_token").asText());
        assertNotEquals(issued.accessToken(), first.get("access_token").asText());
        assertEquals(200, http.get(OPPORTUNITY_PATH, second.get("access_token").asText())
                .statusCode());
        assertEquals(2, simulator.tokenExchanges(ACCOUNT));
    }

    @Test
    void reusedRefreshTokenRevokesWholeGrant() {
        IssuedTokens issued = LeverFixtures.integrationTokens(simulator);
        JsonNode rotated = LeverHttp.json(refresh(issued.refreshToken()));

        HttpResponse<String> reuse = refresh(issued.refreshToken());

        assertEquals(403, reuse.statusCode());
        assertEquals("invalid_grant", LeverHttp.json(reuse).get("error").asText());
        HttpResponse<String> newest = refresh(rotated.get("refresh_token").asText());
        assertEquals(403, newest.statusCode());
        assertEquals("invalid_grant", LeverHttp.json(newest).get("error").asText());
        assertEquals(401, http.get(OPPORTUNITY_PATH, rotated.get("access_token").asText())
                .statusCode());
    }

    @Test
    void revokedGrantGets401AndInvalidGrant() {
        IssuedTokens issued = LeverFixtures.integrationTokens(simulator);
        assertEquals(200, http.get(OPPORTUNITY_PATH, issued.accessToken()).statusCode());

        simulator.revokeGrant(ACCOUNT);

        HttpResponse<String> read = http.get(OPPORTUNITY_PATH, issued.accessToken());
        assertEquals(401, read.statusCode());
        assertEquals("Unauthorized", LeverHttp.json(read).get("code").asText());
        HttpResponse<String> refreshed = refresh(issued.refreshToken());
        assertEquals(403, refreshed.statusCode());
        assertEquals("invalid_grant", LeverHttp.json(refreshed).get("error").asText());
    }

    @Test
    void expiredAccessTokenGets401UntilRefreshed() {
        IssuedTokens issued = LeverFixtures.integrationTokens(simulator);

        simulator.expireAccessTokens();

        assertEquals(401, http.get(OPPORTUNITY_PATH, issued.accessToken()).statusCode());
        String fresh = LeverHttp.json(refresh(issued.refreshToken())).get("access_token").asText();
        assertEquals(200, http.get(OPPORTUNITY_PATH, fresh).statusCode());
    }

    @Test
    void accessTokenExpiresAfterConfiguredLifetime() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        simulator.setClock(clock);
        simulator.setAccessTokenLifetime(Duration.ofMinutes(5));
        IssuedTokens issued = LeverFixtures.integrationTokens(simulator);

        clock.advance(Duration.ofMinutes(4));
        int beforeExpiry = http.get(OPPORTUNITY_PATH, issued.accessToken()).statusCode();
        clock.advance(Duration.ofMinutes(1));
        int atExpiry = http.get(OPPORTUNITY_PATH, issued.accessToken()).statusCode();

        assertEquals(300, issued.expiresIn());
        assertEquals(200, beforeExpiry);
        assertEquals(401, atExpiry);
    }

    @Test
    void refreshTokenExpiresAfter90DaysUnused() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        simulator.setClock(clock);
        IssuedTokens issued = LeverFixtures.integrationTokens(simulator);

        clock.advance(Duration.ofDays(91));
        HttpResponse<String> response = refresh(issued.refreshToken());

        assertEquals(403, response.statusCode());
        assertEquals("invalid_grant", LeverHttp.json(response).get("error").asText());
    }

    @Test
    void refreshNeedsTheIssuingClient() {
        simulator.registerClient("other-client", "other-secret", List.of());
        IssuedTokens issued = LeverFixtures.integrationTokens(simulator);

        HttpResponse<String> response = http.postForm("/oauth/token", Map.of(
                "grant_type", "refresh_token", "client_id", "other-client",
                "client_secret", "other-secret", "refresh_token", issued.refreshToken()));

        assertEquals(403, response.statusCode());
    }

    @Test
    void refreshAcceptsBasicClientAuthentication() throws Exception {
        IssuedTokens issued = LeverFixtures.integrationTokens(simulator);
        String credentials = Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = http.sendRaw(http.builder("/oauth/token", null)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=refresh_token&refresh_token="
                                + LeverHttp.encode(issued.refreshToken())))
                .build());

        assertEquals(200, response.statusCode());
    }

    @Test
    void unsupportedGrantTypeIsRejected() {
        HttpResponse<String> response = http.postForm("/oauth/token", Map.of(
                "grant_type", "client_credentials", "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET));

        assertEquals(400, response.statusCode());
        assertEquals("unsupported_grant_type", LeverHttp.json(response).get("error").asText());
    }

    @Test
    void tokensWithoutOfflineAccessHaveNoRefreshToken() {
        IssuedTokens issued = simulator.issueTokens(ACCOUNT, ADMIN,
                List.of("opportunities:read:admin"));

        assertNull(issued.refreshToken());
        assertFalse(issued.toString().contains(issued.accessToken()));
    }

    @Test
    void issueTokensRejectsUnknownScope() {
        assertThrows(IllegalArgumentException.class, () -> simulator.issueTokens(ACCOUNT, ADMIN,
                List.of("opportunities:write")));
    }

    @Test
    void opaqueAccessTokensWork() {
        simulator.setJwtAccessTokens(false);

        String token = LeverFixtures.accessToken(simulator, "opportunities:read:admin");

        assertFalse(token.contains("."));
        assertEquals(200, http.get(OPPORTUNITY_PATH, token).statusCode());
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return http.postForm("/oauth/token", Map.of("grant_type", "refresh_token",
                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                "refresh_token", refreshToken));
    }
}
