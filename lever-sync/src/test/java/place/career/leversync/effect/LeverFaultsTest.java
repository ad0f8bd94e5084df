package place.career.leversync.effect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversync.LeverSyncFixtures.transition;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.awaitNotes;
import static place.career.leversync.LeverSyncFixtures.kafka;
import static place.career.leversync.LeverSyncFixtures.notes;
import static place.career.leversync.LeverSyncFixtures.opportunity;
import static place.career.leversync.LeverSyncFixtures.send;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import place.career.events.FunnelStatus;
import place.career.events.InstallationChanged;
import place.career.events.Topics;
import place.career.leversim.fault.AfterApplyFailure;
import place.career.leversim.oauth.IssuedTokens;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
class LeverFaultsTest {

    @Inject
    Pool pool;

    @AfterEach
    void clearFaults() {
        LeverSimulatorResource.simulator().clearFaults();
    }

    @Test
    void serverErrorsAreRetriedUntilApplied() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        account.simulator().failNext("POST", "/v1/opportunities/" + opportunityId + "/addTags", 2, 503);

        send(transition(account, opportunityId, "funnel-" + LeverSyncFixtures.shortId(), 1, FunnelStatus.INVITED));

        awaitNotes(account, opportunityId, 1);
        assertEquals(Set.of("CP-Sent"), opportunity(account, opportunityId).tags());
        assertEquals(3, account.simulator().requests("POST", "/v1/opportunities/" + opportunityId + "/addTags").size());
    }

    @Test
    void rateLimitedCallIsRetried() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        account.simulator().failNext("POST", "/v1/opportunities/" + opportunityId + "/notes", 1, 429);

        send(transition(account, opportunityId, "funnel-" + LeverSyncFixtures.shortId(), 1, FunnelStatus.INVITED));

        awaitNotes(account, opportunityId, 1);
        assertEquals(0, account.simulator().requests("GET", "/v1/opportunities/" + opportunityId + "/notes").size(),
                "a 429 certainly did not create the note, so Lever's notes are not read");
    }

    @Test
    void noteAfterServerErrorIsNotPostedTwice() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();
        account.simulator().failAfterApply("POST", "/v1/opportunities/" + opportunityId + "/notes", 1,
                AfterApplyFailure.SERVER_ERROR);

        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));

        awaitTransitionFinished(funnelId, 1);
        assertEquals(1, notes(account, opportunityId).size());
        assertEquals(1, account.simulator().requests("GET", "/v1/opportunities/" + opportunityId + "/notes").size());
        assertNotNull(noteIdInLedger(funnelId, 1));
    }

    @Test
    void noteAfterTimeoutIsNotPostedTwice() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();
        account.simulator().setTimeoutHang(Duration.ofSeconds(4));
        account.simulator().failAfterApply("POST", "/v1/opportunities/" + opportunityId + "/notes", 1,
                AfterApplyFailure.TIMEOUT);

        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));

        awaitTransitionFinished(funnelId, 1);
        assertEquals(1, notes(account, opportunityId).size());
        assertEquals(1, account.simulator().requests("POST", "/v1/opportunities/" + opportunityId + "/notes").size());
    }

    @Test
    void expiredTokenIsRefreshedOnce() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        account.simulator().expireAccessTokens();

        send(transition(account, opportunityId, "funnel-" + LeverSyncFixtures.shortId(), 1, FunnelStatus.INVITED));

        awaitNotes(account, opportunityId, 1);
        assertEquals(1, account.simulator().tokenExchanges(account.accountId()));
        assertEquals("CONNECTED", installationRow(account.installationId()).getString("status"));
    }

    @Test
    void revokedGrantParksWorkUntilReconnect() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();
        account.simulator().revokeGrant(account.accountId());

        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));

        await().atMost(WAIT).until(() -> "REVOKED".equals(installationRow(account.installationId()).getString("status")));
        kafka().awaitRecords(Topics.LEVER_INSTALLATIONS, InstallationChanged.class,
                event -> account.installationId().equals(event.installationId())
                        && event.status() == InstallationChanged.Status.REVOKED, 1, WAIT);
        assertEquals("PENDING", workItemState(funnelId, 1));
        assertEquals(0, notes(account, opportunityId).size());

        IssuedTokens fresh = account.simulator().issueTokens(account.accountId(), LeverSyncFixtures.INTEGRATION_USER,
                LeverSyncFixtures.SCOPES);
        LeverSyncFixtures.seed(account.installationId(), account.organizationId(), account.accountId(), fresh,
                account.signingToken());

        awaitNotes(account, opportunityId, 1);
        awaitTransitionFinished(funnelId, 1);
        assertEquals(Set.of("CP-Sent"), opportunity(account, opportunityId).tags());
    }

    @Test
    void deletedOpportunityIsSkippedAndRecorded() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();
        account.simulator().deleteOpportunity(account.accountId(), opportunityId);

        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));

        await().atMost(WAIT).until(() -> "SKIPPED".equals(workItemState(funnelId, 1)));
        String itemError = pool.preparedQuery("select last_error from lever_sync.work_item where dedupe_key = $1")
                .execute(Tuple.of("transition:" + funnelId + ":1"))
                .await().indefinitely().iterator().next().getString("last_error");
        assertTrue(itemError.contains("404"), itemError);
        // One inaccessible opportunity is not a fault of the connection.
        assertNull(installationRow(account.installationId()).getString("last_error"));
    }

    @Test
    void exhaustedRetriesDeadLetterThenRedrive() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();
        account.simulator().failNext("POST", "/v1/opportunities/" + opportunityId + "/addTags", 20, 500);

        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));

        await().atMost(WAIT).until(() -> "DEAD".equals(workItemState(funnelId, 1)));
        ConsumerRecord<String, byte[]> dead = kafka().readAll(Topics.FUNNEL_STATUS + Topics.DEAD_LETTER_SUFFIX, WAIT)
                .stream()
                .filter(record -> new String(record.value(), StandardCharsets.UTF_8).contains(funnelId))
                .findFirst().orElseThrow();
        assertEquals(account.installationId() + ":" + opportunityId, dead.key());
        assertTrue(header(dead, "dead-letter-reason").contains("HTTP 500"), header(dead, "dead-letter-reason"));
        assertEquals(Topics.FUNNEL_STATUS, header(dead, "dead-letter-topic"));
        assertEquals("4", header(dead, "dead-letter-attempts"));

        account.simulator().clearFaults();
        kafka().sendRaw(Topics.FUNNEL_STATUS, dead.key(), dead.value());

        awaitNotes(account, opportunityId, 1);
        awaitTransitionFinished(funnelId, 1);
        assertEquals(Set.of("CP-Sent"), opportunity(account, opportunityId).tags());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private void awaitTransitionFinished(String funnelId, int version) {
        await().atMost(WAIT).until(() -> "DONE".equals(workItemState(funnelId, version)));
    }

    private String workItemState(String funnelId, int version) {
        var rows = pool.preparedQuery("select state from lever_sync.work_item where dedupe_key = $1")
                .execute(Tuple.of("transition:" + funnelId + ":" + version))
                .await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next().getString("state") : null;
    }

    private String noteIdInLedger(String funnelId, int version) {
        var rows = pool.preparedQuery("select lever_note_id from lever_sync.effect where funnel_id = $1 and version = $2"
                        + " and kind = 'NOTE' and state = 'DONE'")
                .execute(Tuple.of(funnelId, version))
                .await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next().getString("lever_note_id") : null;
    }

    private Row installationRow(String installationId) {
        return pool.preparedQuery("select status, last_error from lever_sync.installation where id = $1")
                .execute(Tuple.of(installationId))
                .await().indefinitely().iterator().next();
    }
}
