package place.career.leversync.work;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.awaitNotes;
import static place.career.leversync.LeverSyncFixtures.notes;
import static place.career.leversync.LeverSyncFixtures.send;
import static place.career.leversync.LeverSyncFixtures.transition;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import place.career.events.FunnelStatus;
import place.career.leversim.http.RecordedRequest;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

/** Rate limit, fairness and leases of installation lanes, against the simulator's enforced limit. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
class InstallationLanesTest {

    @Inject
    Pool pool;

    @Inject
    WorkScheduler scheduler;

    @Inject
    Vertx vertx;

    @Test
    void backlogStaysWithinLimitAndSparesOthers() {
        Connected busy = LeverSyncFixtures.connectNewAccount();
        Connected quiet = LeverSyncFixtures.connectNewAccount();
        List<String> busyOpportunities = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String opportunityId = busy.addOpportunity();
            busyOpportunities.add(opportunityId);
            send(transition(busy, opportunityId, "funnel-" + LeverSyncFixtures.shortId(), 1, FunnelStatus.INVITED));
        }
        await().atMost(WAIT).until(() -> callsOf(busy).size() >= 20);

        String quietOpportunity = quiet.addOpportunity();
        Instant sent = Instant.now();
        send(transition(quiet, quietOpportunity, "funnel-" + LeverSyncFixtures.shortId(), 1, FunnelStatus.INVITED));
        awaitNotes(quiet, quietOpportunity, 1);
        Duration quietWait = Duration.between(sent, Instant.now());
        long busyNotesThen = busyOpportunities.stream().filter(id -> !notes(busy, id).isEmpty()).count();
        busyOpportunities.forEach(id -> awaitNotes(busy, id, 1));

        assertTrue(busyNotesThen < busyOpportunities.size(), "the busy backlog was still draining");
        assertTrue(quietWait.compareTo(Duration.ofSeconds(3)) < 0, "the quiet installation waited " + quietWait);
        assertEquals(0, busy.simulator().rateLimitedCount(busy.accountId()));
        List<RecordedRequest> calls = callsOf(busy);
        assertEquals(60, calls.size());
        Duration busyTime = Duration.between(calls.get(0).time(), calls.get(calls.size() - 1).time());
        // At 10 requests/s after a burst of at most 20, 60 calls need at least 4 s.
        assertTrue(busyTime.compareTo(Duration.ofMillis(3900)) >= 0, "60 calls took only " + busyTime);
    }

    @Test
    void anotherReplicasLeaseBlocksCallsUntilItExpires() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        await().atMost(WAIT).until(() -> scheduler.runsLane(account.installationId()));
        takeLeaseAsOtherReplica(account.installationId(), Duration.ofSeconds(8));
        // The lane closes at its next renewal. Afterwards only the other replica may call.
        await().atMost(WAIT).until(() -> !scheduler.runsLane(account.installationId()));

        send(transition(account, opportunityId, "funnel-" + LeverSyncFixtures.shortId(), 1, FunnelStatus.INVITED));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> LeverSyncFixtures.callsFor(account, opportunityId) == 0);
        awaitNotes(account, opportunityId, 1);
        assertTrue(scheduler.runsLane(account.installationId()), "this replica took the lease back");
        assertEquals(1, LeverSyncFixtures.notes(account, opportunityId).size());
    }

    @Test
    void subMillisecondWaitsAreAdmitted() {
        // At 10,000 tokens/s an empty bucket makes each call wait about 0.1 ms.
        RequestBudget budget = new RequestBudget(10_000, 1, 0, System::nanoTime);
        InstallationLane lane = new InstallationLane("inst-short-waits", budget, 1, System::nanoTime, scheduler,
                new SimpleMeterRegistry().timer("wait"));
        lane.extendLease(System.nanoTime() + Duration.ofMinutes(1).toNanos());

        // Lanes run on event-loop threads, where Mutiny's delays use Vert.x timers.
        Context eventLoop = vertx.getOrCreateContext();
        for (int i = 0; i < 20; i++) {
            Uni.createFrom().voidItem()
                    .emitOn(command -> eventLoop.runOnContext(ignored -> command.run()))
                    .chain(lane::acquire)
                    .await().atMost(Duration.ofSeconds(5));
        }

        assertTrue(lane.holdsLease());
    }

    private List<RecordedRequest> callsOf(Connected account) {
        return account.simulator().requests("*", "/v1/**").stream()
                .filter(request -> account.accountId().equals(request.accountId()))
                .sorted(Comparator.comparing(RecordedRequest::time))
                .toList();
    }

    private void takeLeaseAsOtherReplica(String installationId, Duration duration) {
        pool.preparedQuery("update lever_sync.installation_lease set owner = 'other-replica',"
                        + " expires_at = now() + $2 * interval '1 millisecond' where installation_id = $1")
                .execute(Tuple.of(installationId, duration.toMillis())).await().indefinitely();
    }
}
