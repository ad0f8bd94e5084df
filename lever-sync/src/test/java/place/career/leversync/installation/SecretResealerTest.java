package place.career.leversync.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.kafka;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import place.career.events.InstallationChanged;
import place.career.events.SecretBox;
import place.career.events.Topics;
import place.career.leversync.AdminTokens;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

/** Secrets sealed under a previous key move to the active key after a rotation. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
@QuarkusTestResource(AdminTokens.class)
class SecretResealerTest {

    /** The fake key configured as {@code %test.cpl.secrets.keys.previous}. */
    private static final SecretBox PREVIOUS_KEY = SecretBox.withSingleKey("previous",
            "cHJldmlvdXMtdGVzdC1rZXktbm90LWEtc2VjcmV0ISE=");

    @Inject
    Pool pool;

    @Inject
    SecretBox secretBox;

    @Inject
    SecretResealer resealer;

    @Test
    void previousKeyValuesAreResealedAndAnnounced() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String installationId = account.installationId();
        pool.preparedQuery("update lever_sync.installation set access_token_sealed = $2, refresh_token_sealed = $3,"
                        + " signing_tokens_sealed = $4 where id = $1")
                .execute(Tuple.of(installationId, PREVIOUS_KEY.seal("access-1"), PREVIOUS_KEY.seal("refresh-1"),
                        new String[] {PREVIOUS_KEY.seal("signing-1"), secretBox.seal("signing-2")}))
                .await().atMost(WAIT);

        int changed = resealer.resealAll().await().atMost(WAIT);

        assertTrue(changed >= 1, "changed " + changed);
        Row row = pool.preparedQuery("select access_token_sealed, refresh_token_sealed, signing_tokens_sealed"
                        + " from lever_sync.installation where id = $1")
                .execute(Tuple.of(installationId)).await().atMost(WAIT).iterator().next();
        assertTrue(row.getString("access_token_sealed").startsWith("v1.test."));
        assertEquals("access-1", secretBox.open(row.getString("access_token_sealed")));
        assertEquals("refresh-1", secretBox.open(row.getString("refresh_token_sealed")));
        List<String> signing = List.of(row.getArrayOfStrings("signing_tokens_sealed"));
        assertTrue(signing.stream().allMatch(value -> value.startsWith("v1.test.")), signing.toString());
        assertEquals(List.of("signing-1", "signing-2"), signing.stream().map(secretBox::open).toList());
        InstallationChanged announced = kafka().awaitRecords(Topics.LEVER_INSTALLATIONS, InstallationChanged.class,
                event -> installationId.equals(event.installationId())
                        && event.signingTokens().stream().allMatch(value -> value.startsWith("v1.test."))
                        && "signing-1".equals(secretBox.open(event.signingTokens().get(0))), 1, WAIT).get(0);
        assertEquals(2, announced.signingTokens().size());
    }

    @Test
    void currentValuesAreLeftAlone() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        resealer.resealAll().await().atMost(WAIT);
        String before = sealedAccessToken(account.installationId());

        resealer.resealAll().await().atMost(WAIT);

        assertEquals(before, sealedAccessToken(account.installationId()));
    }

    private String sealedAccessToken(String installationId) {
        return pool.preparedQuery("select access_token_sealed from lever_sync.installation where id = $1")
                .execute(Tuple.of(installationId)).await().atMost(WAIT).iterator().next()
                .getString("access_token_sealed");
    }
}
