package place.career.leversync.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversync.LeverSyncFixtures.transition;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.awaitNotes;
import static place.career.leversync.LeverSyncFixtures.callsFor;
import static place.career.leversync.LeverSyncFixtures.opportunity;
import static place.career.leversync.LeverSyncFixtures.send;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import place.career.events.FunnelStatus;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
class DriftReconcilerTest {

    @Inject
    Pool pool;

    @Test
    void missingTagIsRestored() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();
        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));
        awaitNotes(account, opportunityId, 1);
        awaitApplied(funnelId);
        account.simulator().account(account.accountId()).removeTags(opportunityId, List.of("CP-Sent"));

        makeDueForCheck(funnelId);

        await().atMost(WAIT).until(() -> opportunity(account, opportunityId).tags().contains("CP-Sent"));
        await().atMost(WAIT).until(() -> drift(funnelId) != null);
        assertEquals("restored missing tag CP-Sent", drift(funnelId));
    }

    @Test
    void changesByHandAreReportedNotUndone() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();
        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));
        send(transition(account, opportunityId, funnelId, 2, FunnelStatus.IN_PROGRESS));
        send(transition(account, opportunityId, funnelId, 3, FunnelStatus.QUALIFIED));
        awaitNotes(account, opportunityId, 3);
        awaitApplied(funnelId);
        account.simulator().account(account.accountId()).addTags(opportunityId, List.of("CP-Unqual"));
        account.simulator().moveToStage(account.accountId(), opportunityId, LeverSyncFixtures.FIRST_STAGE);
        int callsBefore = callsFor(account, opportunityId);

        makeDueForCheck(funnelId);

        await().atMost(WAIT).until(() -> drift(funnelId) != null);
        assertTrue(drift(funnelId).contains("expected CP-Qual, found [CP-Qual, CP-Unqual]"), drift(funnelId));
        assertTrue(drift(funnelId).contains("stage changed in Lever"), drift(funnelId));
        assertEquals(Set.of("CP-Qual", "CP-Unqual"), opportunity(account, opportunityId).tags());
        assertEquals(LeverSyncFixtures.FIRST_STAGE, opportunity(account, opportunityId).stage());
        assertEquals(callsBefore + 1, callsFor(account, opportunityId), "a check costs one read");
    }

    private void awaitApplied(String funnelId) {
        await().atMost(WAIT).until(() -> pool.preparedQuery("select 1 from lever_sync.work_item where funnel_id = $1"
                        + " and state = 'PENDING'")
                .execute(Tuple.of(funnelId)).await().indefinitely().rowCount() == 0);
    }

    private void makeDueForCheck(String funnelId) {
        pool.preparedQuery("update lever_sync.funnel_sync set checked_at = now() - interval '7 hours'"
                        + " where funnel_id = $1")
                .execute(Tuple.of(funnelId)).await().indefinitely();
    }

    private String drift(String funnelId) {
        return pool.preparedQuery("select drift from lever_sync.funnel_sync where funnel_id = $1")
                .execute(Tuple.of(funnelId)).await().indefinitely().iterator().next().getString("drift");
    }
}
