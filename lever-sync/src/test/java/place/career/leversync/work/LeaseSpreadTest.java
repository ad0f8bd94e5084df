package place.career.leversync.work;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

/**
 * Leases spread over replicas. The service under test is one replica, and the test plays two
 * more through {@link LeaseRepository}, renewing like a replica's scheduler does.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
class LeaseSpreadTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration HANDOVER = Duration.ofSeconds(1);

    @Inject
    Pool pool;

    @Inject
    LeaseRepository leases;

    @Inject
    WorkScheduler scheduler;

    @Test
    void leasesSpreadAcrossThreeReplicas() {
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ours.add(LeverSyncFixtures.connectNewAccount().installationId());
        }
        await().atMost(LeverSyncFixtures.WAIT).until(() -> ours.stream().allMatch(scheduler::runsLane));
        String replicaA = "test-replica-a-" + LeverSyncFixtures.shortId();
        String replicaB = "test-replica-b-" + LeverSyncFixtures.shortId();
        try {
            // The service hands over the leases above its share, which end after its safety margin.
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(300)).until(() -> {
                leases.claim(replicaA, LEASE, HANDOVER).await().indefinitely();
                leases.claim(replicaB, LEASE, HANDOVER).await().indefinitely();
                return connectedWithoutLease().isEmpty() && holders().getOrDefault(replicaA, 0) > 0
                        && holders().getOrDefault(replicaB, 0) > 0;
            });
            long connected = connectedCount();
            int share = LeaseRepository.share(connected, 3);
            Map<String, Integer> holders = holders();
            assertEquals(3, holders.size(), "holders " + holders);
            holders.forEach((owner, count) -> assertTrue(count <= share,
                    owner + " holds " + count + " of " + connected + " leases, above its share " + share));
            assertEquals(connected, holders.values().stream().mapToInt(Integer::intValue).sum());
            for (String installationId : leasesOf(replicaA)) {
                assertFalse(scheduler.runsLane(installationId), "the service still runs a lane of " + replicaA);
            }

            // A clean stop of replica A frees its leases and its place at once.
            leases.releaseAll(replicaA).await().indefinitely();
            LeaseRepository.Claim claimB = leases.claim(replicaB, LEASE, HANDOVER).await().indefinitely();
            assertEquals(LeaseRepository.share(connected, 2), claimB.share());
            await().atMost(LeverSyncFixtures.WAIT).until(() -> {
                leases.claim(replicaB, LEASE, HANDOVER).await().indefinitely();
                return connectedWithoutLease().isEmpty() && !holders().containsKey(replicaA);
            });
        } finally {
            leases.releaseAll(replicaA).await().indefinitely();
            leases.releaseAll(replicaB).await().indefinitely();
        }
        // Alone again, the service takes every installation back.
        await().atMost(LeverSyncFixtures.WAIT).until(() -> ours.stream().allMatch(scheduler::runsLane));
    }

    @Test
    void shareRoundsUp() {
        assertEquals(0, LeaseRepository.share(0, 3));
        assertEquals(1, LeaseRepository.share(1, 3));
        assertEquals(4, LeaseRepository.share(10, 3));
        assertEquals(5, LeaseRepository.share(10, 2));
        assertEquals(10, LeaseRepository.share(10, 1));
    }

    private long connectedCount() {
        return pool.query("select count(*) from lever_sync.installation where status = 'CONNECTED'").execute()
                .await().indefinitely().iterator().next().getLong(0);
    }

    /** Connected installations without a live lease. */
    private Set<String> connectedWithoutLease() {
        Set<String> withoutLease = new HashSet<>();
        pool.query("select installation.id from lever_sync.installation"
                        + " left join lever_sync.installation_lease lease on lease.installation_id = installation.id"
                        + " and lease.expires_at > now() where installation.status = 'CONNECTED'"
                        + " and lease.installation_id is null")
                .execute().await().indefinitely().forEach(row -> withoutLease.add(row.getString(0)));
        return withoutLease;
    }

    /** Live leases of connected installations per owner. */
    private Map<String, Integer> holders() {
        Map<String, Integer> holders = new HashMap<>();
        pool.query("select lease.owner, count(*) from lever_sync.installation_lease lease"
                        + " join lever_sync.installation on installation.id = lease.installation_id"
                        + " where installation.status = 'CONNECTED' and lease.expires_at > now() group by lease.owner")
                .execute().await().indefinitely()
                .forEach(row -> holders.put(row.getString(0), row.getLong(1).intValue()));
        return holders;
    }

    private Set<String> leasesOf(String owner) {
        Set<String> installationIds = new HashSet<>();
        pool.preparedQuery("select installation_id from lever_sync.installation_lease"
                        + " where owner = $1 and expires_at > now()")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(owner)).await().indefinitely()
                .forEach(row -> installationIds.add(row.getString(0)));
        return installationIds;
    }
}
