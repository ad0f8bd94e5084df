package place.career.leversim.oauth;

import java.util.List;

/**
 * One consent of one account admin to one client: the family of tokens that a rotation chain and
 * a revocation act on. Guarded by the {@link TokenService} lock.
 */
final class Grant {

    final String id;
    final String clientId;
    final String accountId;
    final String userId;
    final List<String> scopes;
    final long createdAt;
    String refreshToken;
    long refreshIssuedAt;
    boolean revoked;

    Grant(String id, String clientId, String accountId, String userId, List<String> scopes,
            long createdAt) {
        this.id = id;
        this.clientId = clientId;
        this.accountId = accountId;
        this.userId = userId;
        this.scopes = List.copyOf(scopes);
        this.createdAt = createdAt;
    }

    boolean offline() {
        return scopes.contains(LeverScopes.OFFLINE_ACCESS);
    }
}
