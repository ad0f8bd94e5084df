package place.career.leversync.installation;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import place.career.events.SecretBox;
import place.career.leversync.LeverSyncConfig;

/**
 * Access tokens stored sealed on the installation row, cached in memory once opened, and
 * refreshed with rotation.
 *
 * <p>A refresh locks the installation row for the duration of the token exchange, so replicas
 * never spend the same single-use refresh token twice: the second one waits, finds that the
 * access token changed, and uses the new one. The rotated refresh token replaces the used one in
 * the same transaction that held the lock. Tokens that expire within {@code
 * leversync.tokens.refresh-margin} are refreshed before use.
 */
@ApplicationScoped
public class RotatingAccessTokens implements AccessTokens {

    private static final String SELECT_TOKENS = "select status, access_token_sealed, refresh_token_sealed,"
            + " access_token_expires_at from lever_sync.installation where id = $1";

    private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();
    private final Pool pool;
    private final SecretBox secretBox;
    private final LeverTokenClient tokenClient;
    private final Duration refreshMargin;
    private final Clock clock;

    RotatingAccessTokens(Pool pool, SecretBox secretBox, LeverTokenClient tokenClient, LeverSyncConfig config,
            Clock clock) {
        this.pool = pool;
        this.secretBox = secretBox;
        this.tokenClient = tokenClient;
        this.refreshMargin = config.tokens().refreshMargin();
        this.clock = clock;
    }

    @Override
    public Uni<String> accessToken(String installationId) {
        CachedToken cached = cache.get(installationId);
        if (cached != null && !expiresSoon(cached.expiresAt())) {
            return Uni.createFrom().item(cached.token());
        }
        return load(pool, installationId, false).chain(stored -> {
            if (stored.refreshSealed() != null && expiresSoon(stored.expiresAt())) {
                return refresh(installationId, stored.accessSealed());
            }
            return Uni.createFrom().item(remember(installationId, stored));
        });
    }

    @Override
    public Uni<String> refreshAfterRejection(String installationId, String rejectedToken) {
        cache.remove(installationId);
        return load(pool, installationId, false).chain(stored -> {
            String current = secretBox.open(stored.accessSealed());
            if (!current.equals(rejectedToken)) {
                return Uni.createFrom().item(remember(installationId, stored));
            }
            if (stored.refreshSealed() == null) {
                return Uni.createFrom().failure(new InstallationRevokedException(installationId,
                        "Lever rejected the access token and no refresh token is stored"));
            }
            return refresh(installationId, stored.accessSealed());
        });
    }

    /** Drops the cached token, for example after the installation was reconnected. */
    public void forget(String installationId) {
        cache.remove(installationId);
    }

    /**
     * Refreshes under the installation's row lock. The rotated refresh token is committed before
     * the new access token is cached or returned, so no caller uses a token whose successor
     * refresh token could still be lost with a failed commit.
     */
    private Uni<String> refresh(String installationId, String seenAccessSealed) {
        return pool.withTransaction(connection -> load(connection, installationId, true).chain(stored -> {
            if (!stored.accessSealed().equals(seenAccessSealed)) {
                // Another caller or replica refreshed while this one waited for the row lock.
                return Uni.createFrom().item(new CachedToken(secretBox.open(stored.accessSealed()),
                        stored.expiresAt()));
            }
            return exchange(installationId, secretBox.open(stored.refreshSealed()))
                    .chain(grant -> store(connection, installationId, stored, grant));
        })).map(fresh -> {
            cache.put(installationId, fresh);
            return fresh.token();
        });
    }

    private Uni<TokenGrant> exchange(String installationId, String refreshToken) {
        Log.infof("Refreshing Lever access token installationId=%s", installationId);
        return tokenClient.refresh(refreshToken).onFailure(TokenEndpointException.class).transform(error -> {
            TokenEndpointException failure = (TokenEndpointException) error;
            if (failure.isGrantRejected()) {
                return new InstallationRevokedException(installationId,
                        "Lever rejected the refresh token (invalid_grant, HTTP " + failure.status() + ")");
            }
            return new TokenRefreshException(installationId, failure.getMessage(), failure);
        });
    }

    private Uni<CachedToken> store(SqlConnection connection, String installationId, StoredTokens previous,
            TokenGrant grant) {
        String accessSealed = secretBox.seal(grant.accessToken());
        // Lever rotates refresh tokens, so the old one is kept only if the response had none.
        String refreshSealed = grant.refreshToken() == null ? previous.refreshSealed()
                : secretBox.seal(grant.refreshToken());
        return connection.preparedQuery("update lever_sync.installation set access_token_sealed = $2,"
                        + " refresh_token_sealed = $3, access_token_expires_at = $4, updated_at = now()"
                        + " where id = $1")
                .execute(Tuple.of(installationId, accessSealed, refreshSealed,
                        InstallationRepository.toOffset(grant.expiresAt())))
                .map(ignored -> new CachedToken(grant.accessToken(), grant.expiresAt()));
    }

    private Uni<StoredTokens> load(SqlClient client, String installationId, boolean lock) {
        return client.preparedQuery(lock ? SELECT_TOKENS + " for update" : SELECT_TOKENS)
                .execute(Tuple.of(installationId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new InstallationRevokedException(installationId, "no such installation");
                    }
                    Row row = rows.iterator().next();
                    String status = row.getString("status");
                    if (!"CONNECTED".equals(status) || row.getString("access_token_sealed") == null) {
                        throw new InstallationRevokedException(installationId, "its status is " + status);
                    }
                    OffsetDateTime expiresAt = row.getOffsetDateTime("access_token_expires_at");
                    return new StoredTokens(row.getString("access_token_sealed"),
                            row.getString("refresh_token_sealed"),
                            expiresAt == null ? null : expiresAt.toInstant());
                });
    }

    private String remember(String installationId, StoredTokens stored) {
        String token = secretBox.open(stored.accessSealed());
        cache.put(installationId, new CachedToken(token, stored.expiresAt()));
        return token;
    }

    private boolean expiresSoon(Instant expiresAt) {
        return expiresAt != null && clock.instant().plus(refreshMargin).isAfter(expiresAt);
    }

    private record StoredTokens(String accessSealed, String refreshSealed, Instant expiresAt) {

        @Override
        public String toString() {
            return "StoredTokens[expiresAt=" + expiresAt + "]";
        }
    }

    private record CachedToken(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "CachedToken[expiresAt=" + expiresAt + "]";
        }
    }
}
