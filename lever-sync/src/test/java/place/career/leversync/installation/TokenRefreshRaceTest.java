package place.career.leversync.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static place.career.leversync.LeverSyncFixtures.WAIT;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import place.career.events.SecretBox;
import place.career.leversync.AdminTokens;
import place.career.leversync.LeverSyncConfig;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

/**
 * Two replicas, each with its own connection pool and token cache, refresh the same
 * installation's token at the same moment. Lever's refresh tokens are single-use, so a second
 * exchange of the same refresh token would revoke the grant in the simulator.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
@QuarkusTestResource(AdminTokens.class)
class TokenRefreshRaceTest {

    /** Keeps the first exchange open long enough for the second replica to reach the row lock. */
    private static final Duration TOKEN_ENDPOINT_DELAY = Duration.ofMillis(500);

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    SecretBox secretBox;

    @Inject
    LeverTokenClient tokenClient;

    @Inject
    LeverSyncConfig config;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String databaseUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String databasePassword;

    private final List<Pool> replicaPools = new ArrayList<>();

    @AfterEach
    void closeReplicaPools() {
        replicaPools.forEach(replicaPool -> replicaPool.close().await().atMost(WAIT));
        replicaPools.clear();
    }

    @Test
    void racingReplicasRefreshExpiringTokenOnce() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String installationId = account.installationId();
        RotatingAccessTokens replicaA = replica();
        RotatingAccessTokens replicaB = replica();
        markStoredTokenExpired(installationId);
        account.simulator().delayNext("POST", "/oauth/token", 1, TOKEN_ENDPOINT_DELAY);

        Tuple2<String, String> tokens = Uni.combine().all()
                .unis(replicaA.accessToken(installationId), replicaB.accessToken(installationId))
                .asTuple().await().atMost(WAIT);

        assertEquals(1, account.simulator().tokenExchanges(account.accountId()));
        assertEquals(tokens.getItem1(), tokens.getItem2());
        assertEquals(tokens.getItem1(), storedAccessToken(installationId));

        markStoredTokenExpired(installationId);
        String next = replica().accessToken(installationId).await().atMost(WAIT);

        assertNotEquals(tokens.getItem1(), next, "the rotated refresh token was stored and still works");
        assertEquals(2, account.simulator().tokenExchanges(account.accountId()));
    }

    @Test
    void racingReplicasRefreshRejectedTokenOnce() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String installationId = account.installationId();
        RotatingAccessTokens replicaA = replica();
        RotatingAccessTokens replicaB = replica();
        String rejected = replicaA.accessToken(installationId).await().atMost(WAIT);
        account.simulator().delayNext("POST", "/oauth/token", 1, TOKEN_ENDPOINT_DELAY);

        Tuple2<String, String> tokens = Uni.combine().all()
                .unis(replicaA.refreshAfterRejection(installationId, rejected),
                        replicaB.refreshAfterRejection(installationId, rejected))
                .asTuple().await().atMost(WAIT);

        assertEquals(1, account.simulator().tokenExchanges(account.accountId()));
        assertEquals(tokens.getItem1(), tokens.getItem2());
        assertNotEquals(rejected, tokens.getItem1());
    }

    @Test
    void staleReplicaAdoptsRefreshedToken() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String installationId = account.installationId();
        RotatingAccessTokens replicaA = replica();
        RotatingAccessTokens replicaB = replica();
        String old = replicaB.accessToken(installationId).await().atMost(WAIT);
        String fresh = replicaA.refreshAfterRejection(installationId, old).await().atMost(WAIT);

        String adopted = replicaB.refreshAfterRejection(installationId, old).await().atMost(WAIT);

        assertEquals(fresh, adopted);
        assertEquals(1, account.simulator().tokenExchanges(account.accountId()));
    }

    /** Builds a replica's token source over its own connection pool, as another pod would have. */
    private RotatingAccessTokens replica() {
        PgConnectOptions options = PgConnectOptions.fromUri(databaseUrl)
                .setUser(databaseUser)
                .setPassword(databasePassword);
        Pool replicaPool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(2))
                .connectingTo(options)
                .using(vertx)
                .build();
        replicaPools.add(replicaPool);
        return new RotatingAccessTokens(replicaPool, secretBox, tokenClient, config, Clock.systemUTC());
    }

    private void markStoredTokenExpired(String installationId) {
        pool.preparedQuery("update lever_sync.installation set access_token_expires_at = now() - interval '1 minute'"
                        + " where id = $1")
                .execute(Tuple.of(installationId)).await().atMost(WAIT);
    }

    private String storedAccessToken(String installationId) {
        String sealed = pool.preparedQuery("select access_token_sealed from lever_sync.installation where id = $1")
                .execute(Tuple.of(installationId)).await().atMost(WAIT).iterator().next()
                .getString("access_token_sealed");
        return secretBox.open(sealed);
    }
}
