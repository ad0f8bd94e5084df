package place.career.notifier.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import place.career.notifier.support.ReplicaCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures two replicas firing timers: 100,000 pending timers, of which a burst of 10,000 falls due
 * at one instant, then a steady arrival rate. Lag is measured from each timer's due instant to the
 * SMTP server's acceptance, as recorded in the mail log. Runs only with {@code
 * -Dnotifier.benchmark=true}; writes its figures to {@code target/benchmark-results.md}.
 */
@EnabledIfSystemProperty(named = "notifier.benchmark", matches = "true")
class TimerBenchmarkIT {

    private static final int PENDING = 90_000;
    private static final int BURST = 10_000;
    private static final int STEADY_PER_SECOND = 20;
    private static final Duration STEADY_DURATION = Duration.ofSeconds(60);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(30);

    private static ReplicaCluster cluster;
    private static final List<String> results = new ArrayList<>();

    @BeforeAll
    static void startReplicas() {
        cluster =
                new ReplicaCluster(
                        Map.of(
                                "notifier.timers.lease", "PT60S",
                                "notifier.mail.send-timeout", "PT30S",
                                "notifier.mail.concurrent-sends", "8",
                                "notifier.mail.rate-per-second", "10000",
                                "quarkus.log.category.\"place.career.notifier\".level", "WARN"));
        cluster.startReplica("bench-a");
        cluster.startReplica("bench-b");
        cluster.insertPendingReminders("pending-", PENDING, Instant.now().plus(Duration.ofDays(3)));
    }

    @AfterAll
    static void writeResults() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        Files.writeString(
                Path.of("target", "benchmark-results.md"), String.join("\n", results) + "\n");
    }

    @Test
    void burstOfTenThousandDueAtOnce() {
        Instant dueAt = Instant.now().plusSeconds(10);

        cluster.insertDueInvitations("burst-", BURST, dueAt);

        awaitFinished("burst-", BURST);
        Instant[] accepted = cluster.acceptedBetween("burst-");
        double seconds = Duration.between(dueAt, accepted[1]).toMillis() / 1000.0;
        record("burst", "burst-", BURST / seconds);
    }

    @Test
    void steadyRateBelowCapacity() {
        int count = (int) (STEADY_PER_SECOND * STEADY_DURATION.toSeconds());
        Instant firstDueAt = Instant.now().plusSeconds(10);

        cluster.insertSpreadInvitations(
                "steady-", count, firstDueAt, Duration.ofSeconds(1).dividedBy(STEADY_PER_SECOND));

        awaitFinished("steady-", count);
        record("steady " + STEADY_PER_SECOND + "/s", "steady-", STEADY_PER_SECOND);
    }

    private static void awaitFinished(String prefix, int count) {
        await().dontCatchUncaughtExceptions()
                .atMost(DRAIN_TIMEOUT)
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            Map<String, Integer> states = cluster.timerStates(prefix);
                            return states.getOrDefault("DONE", 0)
                                            + states.getOrDefault("UNCERTAIN", 0)
                                    == count;
                        });
    }

    private static void record(String phase, String prefix, double timersPerSecond) {
        List<Double> lags = cluster.lagMillis(prefix);
        Map<String, Integer> received = cluster.receivedMessageIds();
        long duplicates = received.values().stream().filter(copies -> copies > 1).count();
        Map<String, Integer> states = cluster.timerStates(prefix);
        String line =
                String.format(
                        Locale.ROOT,
                        "| %s | %d | %.0f | %.0f | %.0f | %.1f | %d | %d |",
                        phase,
                        lags.size(),
                        percentile(lags, 0.50),
                        percentile(lags, 0.99),
                        lags.get(lags.size() - 1),
                        timersPerSecond,
                        states.getOrDefault("UNCERTAIN", 0),
                        duplicates);
        results.add(line);
        System.out.println("BENCHMARK " + line);
        assertEquals(0, duplicates, "Message-IDs received more than once");
    }

    private static double percentile(List<Double> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
