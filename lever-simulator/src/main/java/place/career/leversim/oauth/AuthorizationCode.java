package place.career.leversim.oauth;

import java.util.List;

/** Single-use code handed to the redirect URI; {@code expiresAt} is in epoch ms. */
record AuthorizationCode(
        String clientId,
        String redirectUri,
        String accountId,
        String userId,
        List<String> scopes,
        long expiresAt) {
}
