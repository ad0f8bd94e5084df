package place.career.leversync.installation;

import java.time.Instant;

/**
 * The tokens of one successful response from Lever's token endpoint.
 *
 * @param refreshToken null when the response carried none, because the grant lacks offline_access
 * @param scope the granted scopes, space-separated; null when the response did not list them
 */
public record TokenGrant(String accessToken, String refreshToken, Instant expiresAt, String scope) {

    /** Prints the expiry only: tokens never reach a log. */
    @Override
    public String toString() {
        return "TokenGrant[expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }
}
