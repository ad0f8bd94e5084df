package place.career.leversim.oauth;

import java.util.Set;

/** Identity behind a valid access token: the Lever account and user that granted it. */
public record Caller(
        String accountId, String userId, String clientId, String grantId, Set<String> scopes) {

    public boolean hasAnyScope(String... wanted) {
        for (String scope : wanted) {
            if (scopes.contains(scope)) {
                return true;
            }
        }
        return false;
    }
}
