package place.career.leversim.oauth;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import place.career.leversim.http.ApiException;
import place.career.leversim.state.SimClock;

/**
 * Lever's OAuth authorization server: clients, authorization codes, grants and tokens.
 *
 * <p>Refresh tokens rotate: every refresh returns a new one, and presenting a refresh token that
 * was already used revokes the whole grant, as Auth0 (which runs Lever's OAuth) does when reuse
 * detection is on. Refresh tokens expire after 90 days without use or one year after consent.
 * All methods lock the service.
 */
public final class TokenService {

    public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private static final Duration REFRESH_IDLE_LIFETIME = Duration.ofDays(90);
    private static final Duration REFRESH_MAX_LIFETIME = Duration.ofDays(365);

    private record AccessToken(String grantId, long expiresAt) {}

    private final SimClock clock;
    private final TokenStrings strings;
    private final Map<String, OAuthClient> clients = new HashMap<>();
    private final Map<String, AuthorizationCode> codes = new HashMap<>();
    private final Map<String, Grant> grants = new HashMap<>();
    private final Map<String, AccessToken> accessTokens = new HashMap<>();
    private final Map<String, String> grantIdByRefreshToken = new HashMap<>();
    private final Map<String, Integer> exchangesByAccount = new HashMap<>();
    private Duration accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
    private boolean jwtAccessTokens = true;

    public TokenService(SimClock clock, String issuer, String audience) {
        this.clock = clock;
        this.strings = new TokenStrings(issuer, audience);
    }

    /** Registers a client, or replaces the one with the same id. */
    public synchronized void registerClient(OAuthClient client) {
        clients.put(client.clientId(), client);
    }

    public synchronized Optional<OAuthClient> client(String clientId) {
        return Optional.ofNullable(clientId).map(clients::get);
    }

    public synchronized void setAccessTokenLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException(
                    "Access-token lifetime must be positive: " + lifetime);
        }
        this.accessTokenLifetime = lifetime;
    }

    /** Chooses between JWT-shaped access tokens (the default, like Lever's) and opaque ones. */
    public synchronized void setJwtAccessTokens(boolean jwt) {
        this.jwtAccessTokens = jwt;
    }

    /** Stores a new single-use authorization code valid for 10 minutes and returns it. */
    synchronized String issueCode(
            String clientId, String redirectUri, String accountId, String userId,
            List<String> scopes) {
        String code = strings.random(24);
        long expiresAt = clock.millis() + CODE_LIFETIME.toMillis();
        codes.put(code, new AuthorizationCode(
                clientId, redirectUri, accountId, userId, scopes, expiresAt));
        return code;
    }

    /**
     * Exchanges an authorization code. Once the client is authenticated the code is used up, even
     * when the exchange then fails.
     */
    public synchronized IssuedTokens exchangeCode(
            String clientId, String clientSecret, String code, String redirectUri) {
        authenticateClient(clientId, clientSecret);
        AuthorizationCode stored = codes.remove(code);
        if (stored == null) {
            throw OAuthException.invalidGrant("Invalid authorization code", null);
        }
        if (stored.expiresAt() < clock.millis()) {
            throw OAuthException.invalidGrant("Authorization code has expired", stored.accountId());
        }
        if (!stored.clientId().equals(clientId) || !stored.redirectUri().equals(redirectUri)) {
            throw OAuthException.invalidGrant(
                    "Authorization code was issued to another client or redirect_uri",
                    stored.accountId());
        }
        exchangesByAccount.merge(stored.accountId(), 1, Integer::sum);
        return newGrant(clientId, stored.accountId(), stored.userId(), stored.scopes());
    }

    /** Rotates a refresh token, with the reuse detection and expiry the class comment describes. */
    public synchronized IssuedTokens refresh(
            String clientId, String clientSecret, String refreshToken) {
        authenticateClient(clientId, clientSecret);
        String grantId = grantIdByRefreshToken.get(refreshToken);
        Grant grant = grantId == null ? null : grants.get(grantId);
        if (grant == null) {
            throw OAuthException.invalidGrant("Unknown or invalid refresh token.", null);
        }
        if (grant.revoked) {
            throw OAuthException.invalidGrant("Unknown or invalid refresh token.", grant.accountId);
        }
        if (!grant.clientId.equals(clientId)) {
            throw OAuthException.invalidGrant(
                    "Refresh token was issued to another client", grant.accountId);
        }
        if (!refreshToken.equals(grant.refreshToken)) {
            grant.revoked = true;
            throw OAuthException.invalidGrant(
                    "Unknown or invalid refresh token. It was already used, so the grant was "
                            + "revoked.", grant.accountId);
        }
        long now = clock.millis();
        if (now - grant.refreshIssuedAt > REFRESH_IDLE_LIFETIME.toMillis()
                || now - grant.createdAt > REFRESH_MAX_LIFETIME.toMillis()) {
            throw OAuthException.invalidGrant("Refresh token has expired", grant.accountId);
        }
        exchangesByAccount.merge(grant.accountId, 1, Integer::sum);
        return issueFor(grant);
    }

    /** Creates a grant without the browser step, as if the admin had just approved it. */
    public synchronized IssuedTokens issueDirectly(
            String clientId, String accountId, String userId, List<String> scopes) {
        if (!clients.containsKey(clientId)) {
            throw new IllegalArgumentException("Unknown client " + clientId);
        }
        List<String> unknown = LeverScopes.unknown(scopes);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown Lever scopes " + unknown);
        }
        return newGrant(clientId, accountId, userId, scopes);
    }

    /**
     * Returns the caller behind an {@code Authorization: Bearer} header value, or throws a 401
     * {@link ApiException} when the header is missing or the token is unknown, expired or revoked.
     */
    public synchronized Caller authenticate(String authorizationHeader) {
        String token = bearerToken(authorizationHeader);
        if (token == null) {
            throw ApiException.unauthorized("Missing Authorization header with a Bearer token");
        }
        AccessToken access = accessTokens.get(token);
        if (access == null) {
            throw ApiException.unauthorized("Invalid access token");
        }
        Grant grant = grants.get(access.grantId());
        if (grant.revoked) {
            throw ApiException.unauthorized("Access token has been revoked");
        }
        if (access.expiresAt() <= clock.millis()) {
            throw ApiException.unauthorized("Access token has expired");
        }
        return new Caller(grant.accountId, grant.userId, grant.clientId, grant.id,
                Set.copyOf(grant.scopes));
    }

    /** Returns the account of a bearer token, valid or not, for logging. Empty if unknown. */
    public synchronized Optional<String> accountOf(String authorizationHeader) {
        return Optional.ofNullable(bearerToken(authorizationHeader))
                .map(accessTokens::get)
                .map(access -> grants.get(access.grantId()).accountId);
    }

    /** Revokes every grant of the account, as the admin's "Revoke Access" button does. */
    public synchronized void revokeGrants(String accountId) {
        grants.values().stream()
                .filter(grant -> grant.accountId.equals(accountId))
                .forEach(grant -> grant.revoked = true);
    }

    /** Expires every access token issued so far. Refresh tokens stay valid. */
    public synchronized void expireAccessTokens() {
        long past = clock.millis() - 1;
        accessTokens.replaceAll((token, access) -> new AccessToken(access.grantId(), past));
    }

    /**
     * Returns how many code exchanges and refreshes succeeded at the token endpoint for the
     * account. Tokens from {@link #issueDirectly} are not counted.
     */
    public synchronized int tokenExchanges(String accountId) {
        return exchangesByAccount.getOrDefault(accountId, 0);
    }

    /** Forgets all clients, codes, grants and tokens and restores the default settings. */
    public synchronized void reset() {
        clients.clear();
        codes.clear();
        grants.clear();
        accessTokens.clear();
        grantIdByRefreshToken.clear();
        exchangesByAccount.clear();
        accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
        jwtAccessTokens = true;
    }

    private IssuedTokens newGrant(
            String clientId, String accountId, String userId, List<String> scopes) {
        Grant grant = new Grant(UUID.randomUUID().toString(), clientId, accountId, userId,
                scopes, clock.millis());
        grants.put(grant.id, grant);
        return issueFor(grant);
    }

    private IssuedTokens issueFor(Grant grant) {
        long now = clock.millis();
        long expiresAt = now + accessTokenLifetime.toMillis();
        String accessToken = strings.accessToken(grant, now, expiresAt, jwtAccessTokens);
        accessTokens.put(accessToken, new AccessToken(grant.id, expiresAt));
        String refreshToken = null;
        if (grant.offline()) {
            refreshToken = strings.random(36);
            grantIdByRefreshToken.put(refreshToken, grant.id);
            grant.refreshToken = refreshToken;
            grant.refreshIssuedAt = now;
        }
        return new IssuedTokens(accessToken, refreshToken, "Bearer",
                String.join(" ", grant.scopes), accessTokenLifetime.toSeconds(), grant.accountId);
    }

    private void authenticateClient(String clientId, String clientSecret) {
        OAuthClient client = clientId == null ? null : clients.get(clientId);
        if (client == null || !client.clientSecret().equals(clientSecret)) {
            throw OAuthException.invalidClient();
        }
    }

    private static String bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
