package place.career.leversync.installation;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import place.career.events.EventJson;
import place.career.events.SecretBox;
import place.career.leversync.lever.LeverConfig;

/**
 * Access tokens stored sealed on the installation row, cached in memory once opened, and
 * refreshed with rotation.
 *
 * <p>A refresh locks the installation row for the duration of the token exchange, so replicas
 * never spend the same single-use refresh token twice: the second one waits, finds that the
 * access token changed, and uses the new one. The rotated refresh token is written in the same
 * transaction that held the lock.
 */
@ApplicationScoped
public class RotatingAccessTokens implements AccessTokens {

    /** Tokens that expire within this margin are refreshed before use. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    private static final String SELECT_TOKENS = "select status, access_token_sealed, refresh_token_sealed,"
            + " access_token_expires_at from lever_sync.installation where id = $1";

    private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();
    private final Pool pool;
    private final SecretBox secretBox;
    private final LeverTokenApi tokenApi;
    private final LeverConfig leverConfig;
    private final Clock clock;

    RotatingAccessTokens(Pool pool, SecretBox secretBox, @RestClient LeverTokenApi tokenApi,
            LeverConfig leverConfig, Clock clock) {
        this.pool = pool;
        this.secretBox = secretBox;
        this.tokenApi = tokenApi;
        this.leverConfig = leverConfig;
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

    private Uni<String> refresh(String installationId, String seenAccessSealed) {
        return pool.withTransaction(connection -> load(connection, installationId, true).chain(stored -> {
            if (!stored.accessSealed().equals(seenAccessSealed)) {
                // Another caller or replica refreshed while this one waited for the row lock.
                return Uni.createFrom().item(remember(installationId, stored));
            }
            return exchange(installationId, secretBox.open(stored.refreshSealed()))
                    .chain(grant -> store(connection, installationId, stored, grant));
        }));
    }

    private Uni<TokenGrant> exchange(String installationId, String refreshToken) {
        Log.infof("Refreshing Lever access token installationId=%s", installationId);
        return tokenApi.refresh("refresh_token", refreshToken, leverConfig.oauth().clientId(),
                        leverConfig.oauth().clientSecret())
                .onFailure().transform(error -> new TokenRefreshException(installationId,
                        "token endpoint unreachable (" + error.getClass().getSimpleName() + ")", error))
                .map(response -> readGrant(installationId, response));
    }

    private TokenGrant readGrant(String installationId, Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        JsonNode json = parse(body);
        int status = response.getStatus();
        if (status == 200 && json.hasNonNull("access_token")) {
            long expiresIn = json.path("expires_in").asLong(3600);
            return new TokenGrant(json.get("access_token").asText(),
                    json.hasNonNull("refresh_token") ? json.get("refresh_token").asText() : null,
                    clock.instant().plusSeconds(expiresIn));
        }
        String error = json.path("error").asText("");
        if ("invalid_grant".equals(error)) {
            throw new InstallationRevokedException(installationId,
                    "Lever rejected the refresh token (invalid_grant, HTTP " + status + ")");
        }
        throw new TokenRefreshException(installationId,
                "token endpoint answered HTTP " + status + (error.isEmpty() ? "" : " " + error), null);
    }

    private Uni<String> store(SqlConnection connection, String installationId, StoredTokens previous,
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
                .map(ignored -> {
                    cache.put(installationId, new CachedToken(grant.accessToken(), grant.expiresAt()));
                    return grant.accessToken();
                });
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
                    if (!"CONNECTED".equals(status)) {
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
        return expiresAt != null && clock.instant().plus(EXPIRY_MARGIN).isAfter(expiresAt);
    }

    private static JsonNode parse(String body) {
        try {
            return EventJson.mapper().readTree(body.isEmpty() ? "{}" : body);
        } catch (java.io.IOException e) {
            return EventJson.mapper().createObjectNode();
        }
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

    private record TokenGrant(String accessToken, String refreshToken, Instant expiresAt) {

        @Override
        public String toString() {
            return "TokenGrant[expiresAt=" + expiresAt + "]";
        }
    }
}
