package place.career.leversim.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import place.career.leversim.LeverSimulator;
import place.career.leversim.fault.AfterApplyFailure;
import place.career.leversim.http.ApiException;
import place.career.leversim.http.Json;
import place.career.leversim.http.RecordedRequest;
import place.career.leversim.http.Request;
import place.career.leversim.http.Response;
import place.career.leversim.http.Router;
import place.career.leversim.oauth.IssuedTokens;
import place.career.leversim.oauth.LeverScopes;

/**
 * Inspection and seeding endpoints under {@code /_sim} for demos and scripts. They need no
 * credentials, which is acceptable only because the simulator listens on 127.0.0.1.
 */
public final class AdminEndpoint {

    private static final TypeReference<Map<String, Object>> MAP_TYPE = new TypeReference<>() {};

    private static final List<String> ADMIN_ENDPOINTS = List.of(
            "GET /_sim", "POST /_sim/reset", "POST /_sim/clients", "POST /_sim/consent",
            "POST /_sim/tokens", "GET /_sim/requests", "POST /_sim/faults", "POST /_sim/rate-limit",
            "POST /_sim/webhooks/send", "GET /_sim/webhooks/deliveries",
            "GET /_sim/career-place-settings", "POST /_sim/accounts",
            "POST /_sim/accounts/{account}/opportunities",
            "GET|DELETE /_sim/accounts/{account}/opportunities/{id}",
            "POST /_sim/accounts/{account}/opportunities/{id}/stage|archive|hire",
            "POST /_sim/accounts/{account}/revoke");

    private final LeverSimulator simulator;
    private final Router<Request> router = new Router<>();

    public AdminEndpoint(LeverSimulator simulator) {
        this.simulator = simulator;
        new AccountAdmin(simulator).register(router);
        router.add("GET", "/_sim", (request, params) -> index())
                .add("POST", "/_sim/reset", (request, params) -> reset())
                .add("POST", "/_sim/clients", (request, params) -> registerClient(request))
                .add("POST", "/_sim/consent", (request, params) -> setConsent(request))
                .add("POST", "/_sim/tokens", (request, params) -> issueTokens(request))
                .add("GET", "/_sim/requests", (request, params) -> requests(request))
                .add("POST", "/_sim/faults", (request, params) -> addFault(request))
                .add("POST", "/_sim/rate-limit", (request, params) -> setRateLimit(request))
                .add("POST", "/_sim/webhooks/send", (request, params) -> sendWebhook(request))
                .add("GET", "/_sim/webhooks/deliveries", (request, params) -> deliveries())
                .add("GET", "/_sim/career-place-settings", (request, params) -> settingsPage(request));
    }

    public Response handle(Request request) {
        return router.dispatch(request.method(), request.path(), request);
    }

    private Response index() {
        ObjectNode body = Json.object();
        body.put("baseUrl", simulator.baseUrl());
        body.put("apiBaseUrl", simulator.apiBaseUrl());
        body.put("audience", simulator.apiBaseUrl() + "/");
        body.put("authorizeUrl", simulator.authorizeUrl());
        body.put("tokenUrl", simulator.tokenUrl());
        body.put("adminUrl", simulator.baseUrl() + "/_sim");
        ArrayNode endpoints = body.putArray("adminEndpoints");
        for (String endpoint : ADMIN_ENDPOINTS) {
            endpoints.add(endpoint);
        }
        body.put("reference", "lever-simulator/README.md describes each endpoint and its body");
        return Response.json(200, body);
    }

    /**
     * Stands in for career.place's Lever settings page, where lever-sync's OAuth callback sends
     * the admin, and shows the query parameters it received, such as {@code result=connected}.
     */
    private Response settingsPage(Request request) {
        ObjectNode body = Json.object();
        body.put("page", "career.place Lever settings (stand-in served by the Lever simulator)");
        ObjectNode query = body.putObject("query");
        for (String name : List.of("result")) {
            request.param(name).ifPresent(value -> query.put(name, value));
        }
        return Response.json(200, body);
    }

    private Response reset() {
        simulator.reset();
        return Response.noContent();
    }

    private Response registerClient(Request request) {
        JsonNode body = Json.readObject(request.body());
        List<String> redirectUris = new ArrayList<>();
        body.path("redirectUris").forEach(uri -> redirectUris.add(uri.asText()));
        simulator.registerClient(Json.requiredText(body, "clientId"),
                Json.requiredText(body, "clientSecret"), redirectUris);
        return Response.noContent();
    }

    private Response setConsent(Request request) {
        JsonNode body = Json.readObject(request.body());
        simulator.setConsent(Json.requiredText(body, "accountId"),
                Json.requiredText(body, "userId"));
        return Response.noContent();
    }

    /** Issues tokens without the browser step. {@code scopes} is an array or a spaced string. */
    private Response issueTokens(Request request) {
        JsonNode body = Json.readObject(request.body());
        JsonNode scopeNode = body.path("scopes");
        List<String> scopes = new ArrayList<>();
        if (scopeNode.isTextual()) {
            scopes.addAll(LeverScopes.split(scopeNode.asText()));
        } else {
            scopeNode.forEach(scope -> scopes.add(scope.asText()));
        }
        String clientId = Json.text(body, "clientId");
        IssuedTokens tokens = simulator.issueTokens(
                clientId == null ? LeverSimulator.DEFAULT_CLIENT_ID : clientId,
                Json.requiredText(body, "accountId"), Json.requiredText(body, "userId"), scopes);
        ObjectNode result = Json.object().put("access_token", tokens.accessToken())
                .put("refresh_token", tokens.refreshToken()).put("token_type", tokens.tokenType())
                .put("scope", tokens.scope()).put("expires_in", tokens.expiresIn());
        return Response.json(201, result);
    }

    /** Lists logged requests, optionally only those of {@code accountId}. */
    private Response requests(Request request) {
        String accountId = request.param("accountId").orElse(null);
        ArrayNode data = Json.array();
        for (RecordedRequest entry : simulator.requests()) {
            if (accountId == null || accountId.equals(entry.accountId())) {
                data.add(AdminJson.request(entry));
            }
        }
        return Response.json(200, Json.object().set("data", data));
    }

    /**
     * Adds a fault of {@code type} failNext (with {@code status}), failAfterApply (with {@code
     * failure}) or delay (with {@code delayMillis}). By default {@code method} and {@code path}
     * match any request and {@code count} is 1.
     */
    private Response addFault(Request request) {
        JsonNode body = Json.readObject(request.body());
        String type = Json.requiredText(body, "type");
        String method = body.path("method").asText("*");
        String path = body.path("path").asText("/**");
        int count = body.path("count").asInt(1);
        switch (type) {
            case "failNext" -> simulator.failNext(method, path, count,
                    body.path("status").asInt(503));
            case "failAfterApply" -> simulator.failAfterApply(method, path, count,
                    AfterApplyFailure.valueOf(body.path("failure").asText("SERVER_ERROR")));
            case "delay" -> simulator.delayNext(method, path, count,
                    Duration.ofMillis(body.path("delayMillis").asLong(1000)));
            default -> throw ApiException.badRequest(
                    "Unknown fault type " + type + ", expected failNext, failAfterApply or delay");
        }
        return Response.noContent();
    }

    /** Sets {@code perSecond} and {@code burst}, or switches limiting with {@code enabled}. */
    private Response setRateLimit(Request request) {
        JsonNode body = Json.readObject(request.body());
        if (body.has("perSecond") || body.has("burst")) {
            simulator.setRateLimit(body.path("perSecond").asDouble(10.0),
                    body.path("burst").asInt(20));
        }
        if (body.has("enabled")) {
            simulator.setRateLimitEnabled(body.path("enabled").asBoolean());
        }
        return Response.noContent();
    }

    /** Sends one signed webhook now and returns the receiver's HTTP status. */
    private Response sendWebhook(Request request) {
        JsonNode body = Json.readObject(request.body());
        Map<String, Object> data = body.has("data")
                ? Json.MAPPER.convertValue(body.get("data"), MAP_TYPE)
                : Map.of();
        boolean includeId = !body.path("omitId").asBoolean(false);
        String url = Json.requiredText(body, "url");
        try {
            int status = simulator.webhookSender().send(url, Json.text(body, "signingToken"),
                    Json.requiredText(body, "event"), data, includeId);
            return Response.json(200, Json.object().put("status", status));
        } catch (UncheckedIOException e) {
            return Response.error(502, "BadGateway",
                    "Webhook delivery to " + url + " failed: " + e.getCause());
        }
    }

    private Response deliveries() {
        ArrayNode data = Json.array();
        simulator.webhookDeliveries().forEach(delivery -> data.add(AdminJson.delivery(delivery)));
        return Response.json(200, Json.object().set("data", data));
    }
}
