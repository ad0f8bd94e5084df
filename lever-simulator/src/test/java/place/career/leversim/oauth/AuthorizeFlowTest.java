package place.career.leversim.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversim.LeverFixtures.ACCOUNT;
import static place.career.leversim.LeverFixtures.ADMIN;
import static place.career.leversim.LeverFixtures.CLIENT_ID;
import static place.career.leversim.LeverFixtures.CLIENT_SECRET;
import static place.career.leversim.LeverFixtures.REDIRECT_URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import place.career.leversim.LeverFixtures;
import place.career.leversim.LeverHttp;
import place.career.leversim.LeverSimulator;
import place.career.leversim.MutableClock;
import place.career.leversim.http.Request;

class AuthorizeFlowTest {

    private LeverSimulator simulator;
    private LeverHttp http;

    @BeforeEach
    void start() {
        simulator = LeverSimulator.start(0);
        http = new LeverHttp(simulator.baseUrl());
        LeverFixtures.seedAccount(simulator);
        simulator.setConsent(ACCOUNT, ADMIN);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void approvedConsentRedirectsWithStateAndCode() {
        HttpResponse<String> response = authorize(Map.of());

        assertEquals(302, response.statusCode());
        Map<String, String> callback = callbackParams(response);
        assertTrue(location(response).startsWith(REDIRECT_URI + "?"));
        assertEquals("xyz-state", callback.get("state"));
        assertNotNull(callback.get("code"));
    }

    @Test
    void codeExchangeReturnsDocumentedFields() {
        String code = callbackParams(authorize(Map.of())).get("code");

        HttpResponse<String> response = exchange(code, REDIRECT_URI);

        assertEquals(200, response.statusCode());
        JsonNode body = LeverHttp.json(response);
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(3600, body.get("expires_in").asInt());
        assertEquals("offline_access opportunities:write:admin notes:write:admin",
                body.get("scope").asText());
        assertTrue(body.hasNonNull("refresh_token"));
        assertEquals(3, body.get("access_token").asText().split("\\.").length);
        assertEquals(1, simulator.tokenExchanges(ACCOUNT));
    }

    @Test
    void accessTokenCarriesLeverClaims() throws Exception {
        String code = callbackParams(authorize(Map.of())).get("code");
        String accessToken = LeverHttp.json(exchange(code, REDIRECT_URI))
                .get("access_token").asText();

        byte[] payload = Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]);
        JsonNode claims = new ObjectMapper().readTree(new String(payload, StandardCharsets.UTF_8));

        assertEquals(ACCOUNT, claims.get("https://oauth.lever.co/accountId").asText());
        assertEquals(ADMIN, claims.get("https://oauth.lever.co/userId").asText());
        assertEquals(CLIENT_ID, claims.get("https://oauth.lever.co/clientId").asText());
        assertEquals(simulator.apiBaseUrl() + "/", claims.get("aud").asText());
    }

    @Test
    void withoutOfflineAccessNoRefreshToken() {
        String code = callbackParams(authorize(Map.of("scope", "opportunities:write:admin")))
                .get("code");

        JsonNode body = LeverHttp.json(exchange(code, REDIRECT_URI));

        assertFalse(body.has("refresh_token"));
        assertTrue(body.hasNonNull("access_token"));
    }

    @Test
    void codeIsSingleUse() {
        String code = callbackParams(authorize(Map.of())).get("code");
        assertEquals(200, exchange(code, REDIRECT_URI).statusCode());

        HttpResponse<String> second = exchange(code, REDIRECT_URI);

        assertEquals(403, second.statusCode());
        assertEquals("invalid_grant", LeverHttp.json(second).get("error").asText());
    }

    @Test
    void codeExpiresAfterTenMinutes() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        simulator.setClock(clock);
        String code = callbackParams(authorize(Map.of())).get("code");

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        HttpResponse<String> response = exchange(code, REDIRECT_URI);

        assertEquals(403, response.statusCode());
        assertEquals("invalid_grant", LeverHttp.json(response).get("error").asText());
    }

    @Test
    void codeExchangeRequiresSameRedirectUri() {
        String code = callbackParams(authorize(Map.of())).get("code");

        HttpResponse<String> response = exchange(code, REDIRECT_URI + "/other");

        assertEquals(403, response.statusCode());
        assertEquals("invalid_grant", LeverHttp.json(response).get("error").asText());
    }

    @Test
    void codeExchangeAcceptsJsonBody() {
        String code = callbackParams(authorize(Map.of())).get("code");
        String json = "{\"grant_type\":\"authorization_code\",\"client_id\":\"" + CLIENT_ID
                + "\",\"client_secret\":\"" + CLIENT_SECRET + "\",\"code\":\"" + code
                + "\",\"redirect_uri\":\"" + REDIRECT_URI + "\"}";

        HttpResponse<String> response = http.post("/oauth/token", null, json);

        assertEquals(200, response.statusCode());
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        String code = callbackParams(authorize(Map.of())).get("code");

        HttpResponse<String> response = http.postForm("/oauth/token", Map.of(
                "grant_type", "authorization_code", "client_id", CLIENT_ID,
                "client_secret", "wrong", "code", code, "redirect_uri", REDIRECT_URI));

        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", LeverHttp.json(response).get("error").asText());
    }

    @Test
    void unknownClientGets400WithoutRedirect() {
        HttpResponse<String> response = authorize(Map.of("client_id", "someone-else"));

        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty());
    }

    @Test
    void unregisteredRedirectUriGets400WithoutRedirect() {
        HttpResponse<String> response =
                authorize(Map.of("redirect_uri", "http://127.0.0.1:9999/evil"));

        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty());
    }

    @Test
    void invalidParametersRedirectWithOAuthErrors() {
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("response_type", "token"), "unsupported_response_type",
                Map.of("audience", "https://api.lever.co/v1/"), "invalid_request",
                Map.of("scope", "opportunities:write"), "invalid_scope",
                Map.of("scope", ""), "invalid_scope",
                Map.of("state", ""), "invalid_request");

        cases.forEach((overrides, expectedError) -> {
            HttpResponse<String> response = authorize(overrides);
            assertEquals(302, response.statusCode(), overrides.toString());
            assertEquals(expectedError, callbackParams(response).get("error"),
                    overrides.toString());
            assertNull(callbackParams(response).get("code"), overrides.toString());
        });
    }

    @Test
    void deniedConsentRedirectsAccessDenied() {
        simulator.denyNextConsent();

        Map<String, String> denied = callbackParams(authorize(Map.of()));
        Map<String, String> approvedAfterwards = callbackParams(authorize(Map.of()));

        assertEquals("access_denied", denied.get("error"));
        assertEquals("xyz-state", denied.get("state"));
        assertNotNull(denied.get("error_description"));
        assertNotNull(approvedAfterwards.get("code"));
    }

    @Test
    void promptConsentIsAccepted() {
        HttpResponse<String> response = authorize(Map.of("prompt", "consent"));

        assertNotNull(callbackParams(response).get("code"));
    }

    private HttpResponse<String> authorize(Map<String, String> overrides) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", CLIENT_ID);
        params.put("redirect_uri", REDIRECT_URI);
        params.put("response_type", "code");
        params.put("state", "xyz-state");
        params.put("audience", simulator.apiBaseUrl() + "/");
        params.put("scope", "offline_access opportunities:write:admin notes:write:admin");
        params.putAll(overrides);
        String query = params.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + LeverHttp.encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return http.get("/authorize?" + query, null);
    }

    private HttpResponse<String> exchange(String code, String redirectUri) {
        return http.postForm("/oauth/token", Map.of("grant_type", "authorization_code",
                "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "code", code,
                "redirect_uri", redirectUri));
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static Map<String, String> callbackParams(HttpResponse<String> response) {
        Map<String, List<String>> params = Request.parseForm(URI.create(location(response))
                .getRawQuery());
        Map<String, String> first = new LinkedHashMap<>();
        params.forEach((name, values) -> first.put(name, values.get(0)));
        return first;
    }
}
