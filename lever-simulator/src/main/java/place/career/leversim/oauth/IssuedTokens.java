package place.career.leversim.oauth;

/**
 * Result of a token exchange. {@code refreshToken} is null unless offline_access was granted,
 * {@code scope} is space-separated, {@code expiresIn} is in seconds.
 */
public record IssuedTokens(
        String accessToken,
        String refreshToken,
        String tokenType,
        String scope,
        long expiresIn,
        String accountId) {

    @Override
    public String toString() {
        return "IssuedTokens[accountId=" + accountId + ", scope=" + scope + ", expiresIn="
                + expiresIn + "]";
    }
}
