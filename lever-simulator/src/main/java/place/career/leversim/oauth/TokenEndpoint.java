package place.career.leversim.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import place.career.leversim.http.ApiException;
import place.career.leversim.http.Json;
import place.career.leversim.http.Request;
import place.career.leversim.http.Response;

/**
 * {@code POST /oauth/token} for the authorization_code and refresh_token grants. Lever documents
 * form-encoded parameters, and its sample app sends a JSON object, so both are accepted. The
 * client authenticates with client_id and client_secret parameters or with HTTP Basic.
 */
public final class TokenEndpoint {

    private final TokenService tokens;

    public TokenEndpoint(TokenService tokens) {
        this.tokens = tokens;
    }

    public Response handle(Request request) {
        if (!"POST".equalsIgnoreCase(request.method())) {
            throw new ApiException(405, "MethodNotAllowed", "Use POST for /oauth/token");
        }
        try {
            Map<String, String> params = readParams(request);
            readBasicCredentials(request, params);
            IssuedTokens issued = switch (require(params, "grant_type")) {
                case "authorization_code" -> tokens.exchangeCode(params.get("client_id"),
                        params.get("client_secret"), require(params, "code"),
                        require(params, "redirect_uri"));
                case "refresh_token" -> tokens.refresh(params.get("client_id"),
                        params.get("client_secret"), require(params, "refresh_token"));
                default -> throw new OAuthException(400, "unsupported_grant_type",
                        "Unsupported grant type: " + params.get("grant_type"), null);
            };
            return Response.json(200, toJson(issued))
                    .header("Cache-Control", "no-store")
                    .forAccount(issued.accountId());
        } catch (OAuthException e) {
            return e.toResponse();
        }
    }

    private static ObjectNode toJson(IssuedTokens issued) {
        ObjectNode body = Json.object();
        body.put("access_token", issued.accessToken());
        if (issued.refreshToken() != null) {
            body.put("refresh_token", issued.refreshToken());
        }
        body.put("token_type", issued.tokenType());
        body.put("scope", issued.scope());
        body.put("expires_in", issued.expiresIn());
        return body;
    }

    private static Map<String, String> readParams(Request request) {
        String contentType = request.header("Content-Type").orElse("").toLowerCase();
        Map<String, String> params = new HashMap<>();
        if (contentType.startsWith("application/json")) {
            JsonNode body;
            try {
                body = Json.readObject(request.body());
            } catch (ApiException e) {
                throw OAuthException.invalidRequest(e.getMessage());
            }
            body.properties().forEach(field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    params.put(field.getKey(), field.getValue().asText());
                }
            });
        } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
            Map<String, List<String>> form = Request.parseForm(request.bodyText());
            form.forEach((name, values) -> params.put(name, values.get(0)));
        } else {
            throw OAuthException.invalidRequest("Content-Type must be "
                    + "application/x-www-form-urlencoded or application/json");
        }
        return params;
    }

    private static void readBasicCredentials(Request request, Map<String, String> params) {
        String header = request.header("Authorization").orElse(null);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthException.invalidClient();
        }
        params.put("client_id", decoded.substring(0, colon));
        params.put("client_secret", decoded.substring(colon + 1));
    }

    private static String require(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw OAuthException.invalidRequest("Missing required parameter: " + name);
        }
        return value;
    }
}
