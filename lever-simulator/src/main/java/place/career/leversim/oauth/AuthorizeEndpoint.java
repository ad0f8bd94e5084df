package place.career.leversim.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import place.career.leversim.http.ApiException;
import place.career.leversim.http.Json;
import place.career.leversim.http.Request;
import place.career.leversim.http.Response;
import place.career.leversim.state.LeverState;

/**
 * {@code GET /authorize}: the step where Lever shows the admin a consent screen. The simulator
 * skips the screen and approves as the configured {@link Consent} approver, or denies when a
 * denial is pending.
 *
 * <p>An unknown client or a redirect_uri that is not registered gets a 400 JSON error, because
 * redirecting to an unverified URI would be unsafe. Every other problem redirects to the
 * redirect_uri with {@code error} and {@code error_description}, as the OAuth spec requires.
 */
public final class AuthorizeEndpoint {

    private record AuthorizeError(String error, String description) {}

    private final TokenService tokens;
    private final Consent consent;
    private final LeverState state;
    private final String audience;

    public AuthorizeEndpoint(TokenService tokens, Consent consent, LeverState state,
            String audience) {
        this.tokens = tokens;
        this.consent = consent;
        this.state = state;
        this.audience = audience;
    }

    public Response handle(Request request) {
        if (!"GET".equalsIgnoreCase(request.method())) {
            throw new ApiException(405, "MethodNotAllowed", "Use GET for /authorize");
        }
        String clientId = request.param("client_id").orElse(null);
        Optional<OAuthClient> client = tokens.client(clientId);
        if (client.isEmpty()) {
            return pageError("invalid_client", "Unknown client_id " + clientId);
        }
        String redirectUri = request.param("redirect_uri").orElse(null);
        if (redirectUri == null || !client.get().redirectUris().contains(redirectUri)) {
            return pageError("invalid_request",
                    "redirect_uri " + redirectUri + " is not registered for client " + clientId);
        }
        String stateParam = request.param("state").orElse(null);
        Optional<AuthorizeError> problem = validate(request, stateParam);
        if (problem.isPresent()) {
            return redirectError(redirectUri, stateParam, problem.get().error(),
                    problem.get().description());
        }
        if (consent.takeDenial()) {
            return redirectError(redirectUri, stateParam, "access_denied",
                    "The user denied access to the application");
        }
        Optional<Consent.Approver> approver = consent.approver().filter(this::approverExists);
        if (approver.isEmpty()) {
            return redirectError(redirectUri, stateParam, "access_denied",
                    "No Lever admin is signed in to the simulator; set one with setConsent");
        }
        List<String> scopes = LeverScopes.split(request.param("scope").orElse(null));
        String code = tokens.issueCode(clientId, redirectUri, approver.get().accountId(),
                approver.get().userId(), scopes);

        Map<String, String> params = new LinkedHashMap<>();
        params.put("state", stateParam);
        params.put("code", code);
        return Response.redirect(withQuery(redirectUri, params))
                .forAccount(approver.get().accountId());
    }

    /** Returns the error for the first invalid parameter, empty when all are valid. */
    private Optional<AuthorizeError> validate(Request request, String stateParam) {
        String responseType = request.param("response_type").orElse(null);
        if (!"code".equals(responseType)) {
            return Optional.of(new AuthorizeError("unsupported_response_type",
                    "response_type must be code, got " + responseType));
        }
        if (stateParam == null || stateParam.isEmpty()) {
            return Optional.of(
                    new AuthorizeError("invalid_request", "Missing required parameter state"));
        }
        String requestedAudience = request.param("audience").orElse(null);
        if (!audience.equals(requestedAudience)) {
            return Optional.of(new AuthorizeError("invalid_request",
                    "audience must be " + audience + ", got " + requestedAudience));
        }
        List<String> scopes = LeverScopes.split(request.param("scope").orElse(null));
        if (scopes.isEmpty()) {
            return Optional.of(
                    new AuthorizeError("invalid_scope", "Missing required parameter scope"));
        }
        List<String> unknown = LeverScopes.unknown(scopes);
        if (!unknown.isEmpty()) {
            return Optional.of(new AuthorizeError("invalid_scope",
                    "Unknown Lever scopes " + String.join(" ", unknown)));
        }
        return Optional.empty();
    }

    private boolean approverExists(Consent.Approver approver) {
        return state.find(approver.accountId())
                .flatMap(account -> account.user(approver.userId()))
                .isPresent();
    }

    private static Response pageError(String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        return Response.json(400, body);
    }

    private static Response redirectError(
            String redirectUri, String stateParam, String error, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        if (stateParam != null) {
            params.put("state", stateParam);
        }
        params.put("error", error);
        params.put("error_description", description);
        return Response.redirect(withQuery(redirectUri, params));
    }

    private static String withQuery(String uri, Map<String, String> params) {
        StringBuilder result = new StringBuilder(uri);
        char separator = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            result.append(separator)
                    .append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return result.toString();
    }
}
