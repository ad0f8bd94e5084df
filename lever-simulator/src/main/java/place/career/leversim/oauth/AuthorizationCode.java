package place.career.leversim.oauth;

import java.util.List;

/** Single-use code sent to the redirect URI, valid until {@code expiresAt} (epoch ms). */
record AuthorizationCode(
        String clientId,
        String redirectUri,
        String accountId,
        String userId,
        List<String> scopes,
        long expiresAt) {
}
