package place.career.leversync.connect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import place.career.events.EventJson;

/**
 * The Lever account and user that an access token belongs to, read from the claims {@code
 * https://oauth.lever.co/accountId} and {@code https://oauth.lever.co/userId} of Lever's JWT access
 * tokens (the example token in Lever's OAuth documentation).
 *
 * <p>The signature is not checked: the token came straight from Lever's token endpoint over a
 * connection this service opened. NOTE: Lever documents these claims only in an example, not as a
 * contract; an opaque token makes the connect fail with the result {@code lever_account_unknown}.
 */
public record AccessTokenClaims(String accountId, String userId) {

    private static final String CLAIM_PREFIX = "https://oauth.lever.co/";

    /** Reads the claims; empty when the token is not a JWT or lacks either claim. */
    public static Optional<AccessTokenClaims> read(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        JsonNode claims;
        try {
            claims = EventJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String accountId = claims.path(CLAIM_PREFIX + "accountId").asText("");
        String userId = claims.path(CLAIM_PREFIX + "userId").asText("");
        if (accountId.isBlank() || userId.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AccessTokenClaims(accountId, userId));
    }
}
