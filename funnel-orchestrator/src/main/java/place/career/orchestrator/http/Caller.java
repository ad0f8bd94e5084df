package place.career.orchestrator.http;

import jakarta.json.JsonString;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated admin behind a request, read from the career.place token.
 *
 * @param userId the token's {@code sub} claim
 * @param organizationId the token's {@code org_id} claim
 */
public record Caller(String userId, String organizationId) {

    /** Role that the token's {@code groups} claim must contain for the setup and timeline APIs. */
    public static final String ORG_ADMIN = "org-admin";

    /**
     * Reads the caller from a verified token.
     *
     * @throws ProblemException 403 when the token names no user or no organisation
     */
    public static Caller from(JsonWebToken token) {
        String userId = token.getSubject();
        String organizationId = text(token.getClaim("org_id"));
        if (userId == null || userId.isBlank() || organizationId == null || organizationId.isBlank()) {
            throw new ProblemException(Response.Status.FORBIDDEN, "forbidden", "Forbidden",
                    "The token must carry the claims 'sub' and 'org_id'.");
        }
        return new Caller(userId, organizationId);
    }

    /** Reads a string claim, which smallrye-jwt may hand over as a JSON-P string. */
    private static String text(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim == null ? null : claim.toString();
    }
}
