package place.career.leversim.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import place.career.leversim.http.Json;
import place.career.leversim.http.Response;

/**
 * Token endpoint error with the OAuth body {@code {"error": ..., "error_description": ...}}.
 * {@code accountId} is set when the failing request could be tied to a grant.
 */
public final class OAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String accountId;

    OAuthException(int status, String error, String description, String accountId) {
        super(description);
        this.status = status;
        this.error = error;
        this.accountId = accountId;
    }

    static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description, null);
    }

    static OAuthException invalidClient() {
        return new OAuthException(
                401, "invalid_client", "Unknown client or wrong client secret", null);
    }

    /** Auth0, which runs Lever's OAuth, rejects a bad code or refresh token with 403. */
    static OAuthException invalidGrant(String description, String accountId) {
        return new OAuthException(403, "invalid_grant", description, accountId);
    }

    public String error() {
        return error;
    }

    public Response toResponse() {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", getMessage());
        return Response.json(status, body)
                .header("Cache-Control", "no-store")
                .forAccount(accountId);
    }
}
