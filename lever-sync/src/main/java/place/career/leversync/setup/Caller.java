package place.career.leversync.setup;

import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;
import place.career.leversync.common.ProblemException;

/**
 * The career.place admin behind a setup request, read from the verified bearer token.
 *
 * @param userId the token's {@code sub} claim, recorded in the audit log
 * @param organizationId the token's {@code org_id} claim; every setup call is scoped to it
 */
public record Caller(String userId, String organizationId) {

    /** Group that the token's {@code groups} claim must contain for the setup API. */
    public static final String ORG_ADMIN = "org-admin";

    /**
     * Reads the caller from a token that already passed signature, issuer and group checks.
     *
     * @throws ProblemException 403 when the token lacks {@code sub} or {@code org_id}
     */
    public static Caller from(JsonWebToken token) {
        String userId = token.getSubject();
        String organizationId = claimText(token.getClaim("org_id"));
        if (userId == null || userId.isBlank() || organizationId == null || organizationId.isBlank()) {
            throw new ProblemException(403, "Forbidden",
                    "The career.place token must carry the claims 'sub' and 'org_id'.");
        }
        return new Caller(userId, organizationId);
    }

    /** Returns a string claim's value; smallrye-jwt may return it as a JSON-P string. */
    private static String claimText(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim == null ? null : claim.toString();
    }
}
