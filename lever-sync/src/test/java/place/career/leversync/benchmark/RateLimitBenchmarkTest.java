package place.career.leversync.benchmark;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static place.career.leversync.LeverSyncFixtures.send;
import static place.career.leversync.LeverSyncFixtures.transition;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import place.career.events.FunnelStatus;
import place.career.leversim.LeverSimulator;
import place.career.leversim.http.RecordedRequest;
import place.career.leversim.oauth.IssuedTokens;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

/**
 * Drains a backlog of funnel transitions against the simulator enforcing Lever's documented
 * limit (10 requests/s, bursts to 20, per account) and writes the figures to
 * target/benchmark-results.md. The default build excludes it; docs/benchmarks.md has the command.
 *
 * <p>The installations are parked while their backlog is queued, then released together by one
 * status update, as after a reconnect, so each starts with its whole backlog waiting.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
class RateLimitBenchmarkTest {

    private static final double LIMIT_PER_SECOND = 10;
    private static final int BURST = 20;
    private static final List<FunnelStatus> PATH = List.of(FunnelStatus.INVITED, FunnelStatus.IN_PROGRESS,
            FunnelStatus.QUALIFIED);
    private static final Path RESULTS = Path.of("target", "benchmark-results.md");

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Test
    void oneInstallation() throws IOException {
        run(1, Integer.getInteger("benchmark.funnels.single", 40));
    }

    @Test
    void tenInstallations() throws IOException {
        run(10, Integer.getInteger("benchmark.funnels.many", 8));
    }

    @Test
    void hundredInstallations() throws IOException {
        run(100, Integer.getInteger("benchmark.funnels.many", 8));
    }

    private void run(int installationCount, int funnelsPerInstallation) throws IOException {
        LeverSimulator simulator = LeverSimulatorResource.simulator();
        simulator.setRateLimit(LIMIT_PER_SECOND, BURST);
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < installationCount; i++) {
            planned.add(plan(simulator));
        }
        List<String> installationIds = planned.stream().map(installation -> installation.account().installationId())
                .toList();
        setStatus(installationIds, "REVOKED");
        int transitions = funnelsPerInstallation * PATH.size();
        planned.forEach(installation -> queueBacklog(installation.account(), funnelsPerInstallation));
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> planned.stream().allMatch(installation -> queued(installation) == transitions));

        double callMillisBefore = totalMillis("leversync.lever.call.duration");
        long callsBefore = totalCount("leversync.lever.call.duration");
        Instant released = Instant.now();
        setStatus(installationIds, "CONNECTED");
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> planned.stream().allMatch(installation -> finished(installation) == transitions));

        List<Result> results = planned.stream().map(installation -> measure(simulator, installation, released,
                transitions)).toList();
        long callsMeasured = totalCount("leversync.lever.call.duration") - callsBefore;
        double meanCallMillis = (totalMillis("leversync.lever.call.duration") - callMillisBefore)
                / Math.max(callsMeasured, 1);
        System.out.printf(Locale.ROOT, "BENCHMARK mean Lever call latency %.1f ms over %d calls%n", meanCallMillis,
                callsMeasured);
        report(installationCount, funnelsPerInstallation, transitions, results);
        results.forEach(result -> assertEquals(transitions, result.transitions()));
    }

    /** Creates a simulator account and connects its installation through the seed endpoint. */
    private static Planned plan(LeverSimulator simulator) {
        String accountId = "bench-" + LeverSyncFixtures.shortId();
        simulator.createAccount(accountId);
        simulator.addUser(accountId, LeverSyncFixtures.INTEGRATION_USER, "Integration", "integration@example.com");
        simulator.addStage(accountId, LeverSyncFixtures.FIRST_STAGE, "New applicant");
        simulator.addStage(accountId, LeverSyncFixtures.QUALIFIED_STAGE, "Qualified");
        simulator.addPosting(accountId, LeverSyncFixtures.POSTING, "Backend", "published");
        IssuedTokens tokens = simulator.issueTokens(accountId, LeverSyncFixtures.INTEGRATION_USER,
                LeverSyncFixtures.SCOPES);
        Connected account = new Connected(accountId, "inst-" + LeverSyncFixtures.shortId(),
                "org-" + LeverSyncFixtures.shortId(), "signing-" + LeverSyncFixtures.shortId());
        LeverSyncFixtures.seed(account.installationId(), account.organizationId(), accountId, tokens,
                account.signingToken());
        return new Planned(account);
    }

    /** Publishes every transition of the backlog on funnel.status.v1. */
    private static void queueBacklog(Connected account, int funnels) {
        for (int f = 0; f < funnels; f++) {
            String opportunityId = account.addOpportunity();
            String funnelId = "funnel-" + LeverSyncFixtures.shortId();
            for (int version = 1; version <= PATH.size(); version++) {
                send(transition(account, opportunityId, funnelId, version, PATH.get(version - 1)));
            }
        }
    }

    /**
     * Parks or releases installations at once. While not CONNECTED no replica takes their lease,
     * so the backlog waits. The next lease renewal takes every released installation together.
     */
    private void setStatus(List<String> installationIds, String status) {
        pool.preparedQuery("update lever_sync.installation set status = $2 where id = any($1)")
                .execute(Tuple.of(installationIds.toArray(String[]::new), status))
                .await().indefinitely();
    }

    private double totalMillis(String timer) {
        return registry.find(timer).timers().stream()
                .mapToDouble(t -> t.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).sum();
    }

    private long totalCount(String timer) {
        return registry.find(timer).timers().stream().mapToLong(Timer::count).sum();
    }

    private long queued(Planned installation) {
        return pool.preparedQuery("select count(*) as queued from lever_sync.work_item where installation_id = $1")
                .execute(Tuple.of(installation.account().installationId()))
                .await().indefinitely().iterator().next().getLong("queued");
    }

    private long finished(Planned installation) {
        return pool.preparedQuery("select count(*) as finished from lever_sync.work_item where installation_id = $1"
                        + " and state = 'DONE'")
                .execute(Tuple.of(installation.account().installationId()))
                .await().indefinitely().iterator().next().getLong("finished");
    }

    private Result measure(LeverSimulator simulator, Planned installation, Instant released, int transitions) {
        String accountId = installation.account().accountId();
        List<RecordedRequest> calls = simulator.requests("*", "/v1/**").stream()
                .filter(request -> accountId.equals(request.accountId()))
                .sorted(Comparator.comparing(RecordedRequest::time))
                .toList();
        Instant first = calls.get(0).time();
        Instant last = calls.get(calls.size() - 1).time();
        return new Result(accountId, calls.size(), (int) finished(installation), simulator.rateLimitedCount(accountId),
                Duration.between(first, last), Duration.between(released, last));
    }

    private static void report(int installationCount, int funnels, int transitions, List<Result> results)
            throws IOException {
        double sumRatio = 0;
        double minRatio = Double.MAX_VALUE;
        long rejected = 0;
        long calls = 0;
        List<Double> completions = new ArrayList<>();
        double worstFairShare = 0;
        for (Result result : results) {
            double seconds = Math.max(result.busy().toMillis(), 1) / 1000.0;
            // The bucket allows burst + rate * t requests in t seconds, so this is the share of the limit used.
            double ratio = (result.calls() - BURST) / (seconds * LIMIT_PER_SECOND);
            double idealSeconds = Math.max(result.calls() - BURST, 0) / LIMIT_PER_SECOND;
            double completion = result.sinceRelease().toMillis() / 1000.0;
            sumRatio += ratio;
            minRatio = Math.min(minRatio, ratio);
            rejected += result.rateLimited();
            calls += result.calls();
            completions.add(completion);
            worstFairShare = Math.max(worstFairShare, completion / Math.max(idealSeconds, 0.001));
        }
        completions.sort(Double::compare);
        String row = String.format(Locale.ROOT,
                "| %d | %d | %d | %.3f | %.3f | %d | %.2f | %.1f / %.1f / %.1f | %.2f |%n",
                installationCount, transitions, calls / results.size(), sumRatio / results.size(), minRatio, rejected,
                (double) calls / (results.size() * (long) transitions), completions.get(0),
                completions.get(completions.size() / 2), completions.get(completions.size() - 1), worstFairShare);
        System.out.printf("BENCHMARK installations=%d funnelsPerInstallation=%d%n%s", installationCount, funnels, row);
        if (!Files.exists(RESULTS)) {
            Files.writeString(RESULTS, "| installations | transitions each | calls each | mean ratio of limit"
                    + " | min ratio | 429s | calls per transition | completion s (min / median / max)"
                    + " | worst completion / ideal |\n|---|---|---|---|---|---|---|---|---|\n", StandardCharsets.UTF_8);
        }
        Files.writeString(RESULTS, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private record Planned(Connected account) {}

    private record Result(String accountId, int calls, int transitions, long rateLimited, Duration busy,
            Duration sinceRelease) {}
}
