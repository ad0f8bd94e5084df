package place.career.notifier.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import place.career.localstack.ServiceProcess;
import place.career.notifier.support.ReplicaCluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Two packaged notifier replicas, each its own JVM, drain thousands of timers from one database.
 * Every timer must end DONE or UNCERTAIN and no Message-ID may reach the SMTP server twice, also
 * when one replica is killed with SIGKILL in the middle of the work.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {

    private static final int TIMERS = 2000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private static ReplicaCluster cluster;
    private static ServiceProcess replicaA;
    private static ServiceProcess replicaB;

    @BeforeAll
    static void startReplicas() {
        cluster =
                new ReplicaCluster(
                        Map.of(
                                "notifier.timers.lease", "PT40S",
                                "notifier.timers.reconcile-interval", "PT1S",
                                "notifier.mail.send-timeout", "PT30S",
                                "notifier.mail.rate-per-second", "500",
                                "notifier.mail.concurrent-sends", "4"));
        replicaA = cluster.startReplica("replica-a");
        replicaB = cluster.startReplica("replica-b");
    }

    @AfterAll
    static void stopReplicas() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void twoReplicasSendEveryTimerExactlyOnce() {
        String prefix = "pair-";

        cluster.insertDueInvitations(prefix, TIMERS, Instant.now());

        await().dontCatchUncaughtExceptions()
                .atMost(DRAIN_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> finished(prefix) == TIMERS);
        Map<String, Integer> received = cluster.receivedMessageIds();
        Map<String, Integer> states = cluster.timerStates(prefix);
        assertEquals(0, duplicates(received), "Message-IDs received more than once");
        assertEquals(
                TIMERS,
                states.getOrDefault("DONE", 0),
                "timers sent, the rest timed out: " + states);
        assertEquals(TIMERS, received.size(), "distinct Message-IDs received");
        Map<String, Integer> perReplica = cluster.acceptedPerReplica(prefix);
        assertTrue(
                perReplica.getOrDefault("replica-a", 0) > 0, "replica A sent some: " + perReplica);
        assertTrue(
                perReplica.getOrDefault("replica-b", 0) > 0, "replica B sent some: " + perReplica);
    }

    @Test
    @Order(2)
    void killedReplicaLeavesNoDuplicates() {
        String prefix = "kill-";
        int before = cluster.receivedMessageIds().size();
        cluster.insertDueInvitations(prefix, TIMERS, Instant.now());
        await().dontCatchUncaughtExceptions()
                .atMost(DRAIN_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> cluster.timerStates(prefix).getOrDefault("DONE", 0) >= TIMERS / 4);

        // GreenMail's handler threads fail on the killed replica's reset connections, so the
        // waits below ignore uncaught exceptions in other threads.
        cluster.kill(replicaA);

        await().dontCatchUncaughtExceptions()
                .atMost(DRAIN_TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> finished(prefix) == TIMERS);
        Map<String, Integer> received = cluster.receivedMessageIds();
        Map<String, Integer> states = cluster.timerStates(prefix);
        int done = states.getOrDefault("DONE", 0);
        int uncertain = states.getOrDefault("UNCERTAIN", 0);
        int receivedThisBatch = received.size() - before;
        assertEquals(0, duplicates(received), "Message-IDs received more than once");
        assertTrue(receivedThisBatch >= done, "every DONE timer reached SMTP: " + states);
        assertTrue(
                receivedThisBatch <= done + uncertain,
                "only DONE or UNCERTAIN timers reached SMTP: " + states);
        assertTrue(replicaB.isAlive(), "replica B survived");
    }

    private static int finished(String prefix) {
        Map<String, Integer> states = cluster.timerStates(prefix);
        return states.getOrDefault("DONE", 0) + states.getOrDefault("UNCERTAIN", 0);
    }

    private static long duplicates(Map<String, Integer> received) {
        return received.values().stream().filter(count -> count > 1).count();
    }
}
