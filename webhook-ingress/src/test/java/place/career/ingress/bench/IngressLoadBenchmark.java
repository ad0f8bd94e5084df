package place.career.ingress.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import place.career.events.WebhookReceived;
import place.career.ingress.IngressFixtures;
import place.career.ingress.installation.InstallationRegistry;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.KafkaTestClient;
import place.career.testsupport.PostgresResource;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Load driver: correctly signed deliveries against the webhook URLs, with 1,000 connected
 * installations, measured in the same run as the bare endpoint that only returns 200.
 *
 * <p>Every ingress request is a distinct delivery from a random installation, so each one is
 * verified, stored as a delivery key in PostgreSQL and published with {@code acks=all} before the
 * 200. Closed-loop phases keep a fixed number of requests in flight to find the maximum rate.
 * Open-loop phases start requests at a fixed rate and time each one from its scheduled start, so
 * that a stall is not hidden. Every phase runs in several short slices, interleaved with the other
 * phases. Run it with the command in docs/benchmarks.md; it writes its table to {@code
 * target/benchmarks/ingress-load.md}.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(IngressLoadBenchmark.ProductionLogging.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresResource.class)
class IngressLoadBenchmark {

    /**
     * Logs at the production level: the test profile's DEBUG line per delivery would be measured as
     * part of the ingress, but not of the bare endpoint.
     */
    public static class ProductionLogging implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"place.career.ingress\".level", "INFO");
        }
    }

    private static final int INSTALLATIONS = Integer.getInteger("bench.installations", 1000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);
    private static final int SLICE_SECONDS = Integer.getInteger("bench.slice-seconds", 5);
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warm-up-seconds", 10);
    private static final int IN_FLIGHT = Integer.getInteger("bench.in-flight", 32);
    private static final int RATE = Integer.getInteger("bench.rate", 1000);
    private static final int LOW_RATE = Integer.getInteger("bench.low-rate", 100);
    private static final String PHASES = System.getProperty("bench.phases", "");

    @Inject InstallationRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL baseUrl;

    private final List<String> signingTokens = new ArrayList<>();
    private final List<String> installationIds = new ArrayList<>();

    @Test
    void measureIngressAgainstBareEndpoint() throws Exception {
        connectInstallations();
        Vertx vertx = Vertx.vertx();
        HttpClient client =
                vertx.createHttpClient(
                        new HttpClientOptions()
                                .setDefaultHost(baseUrl.getHost())
                                .setDefaultPort(baseUrl.getPort())
                                .setKeepAlive(true),
                        new PoolOptions().setHttp1MaxSize(IN_FLIGHT * 2));
        Map<String, LatencyRecorder.Result> results = new LinkedHashMap<>();
        try {
            Supplier<Request> bare =
                    () -> new Request("/bench/bare", deliveryBody(randomInstallation()));
            Supplier<Request> ingress = this::toSharedUrl;
            List<Phase> phases =
                    selected(
                            List.of(
                                    new Phase("bare", "bare, max rate", bare, 0),
                                    new Phase("shared", "ingress, max rate", ingress, 0),
                                    new Phase(
                                            "per-installation",
                                            "ingress per-installation URL, max rate",
                                            this::toInstallationUrl,
                                            0),
                                    new Phase(
                                            "bare-low", "bare, " + LOW_RATE + "/s", bare, LOW_RATE),
                                    new Phase(
                                            "shared-low",
                                            "ingress, " + LOW_RATE + "/s",
                                            ingress,
                                            LOW_RATE),
                                    new Phase("bare-rate", "bare, " + RATE + "/s", bare, RATE),
                                    new Phase(
                                            "shared-rate",
                                            "ingress, " + RATE + "/s",
                                            ingress,
                                            RATE),
                                    new Phase(
                                            "per-installation-rate",
                                            "ingress per-installation URL, " + RATE + "/s",
                                            this::toInstallationUrl,
                                            RATE)));

            closedLoop(client, bare, WARM_UP_SECONDS, new LatencyRecorder(1));
            closedLoop(client, ingress, WARM_UP_SECONDS, new LatencyRecorder(1));
            // The build machines are shared, so their spare capacity changes by the minute.
            // Interleaving short slices of every phase exposes each phase to the same changes.
            for (int round = 0; round < ROUNDS; round++) {
                for (Phase phase : phases) {
                    phase.cpu().startSlice();
                    if (phase.rate() == 0) {
                        closedLoop(client, phase.requests(), SLICE_SECONDS, phase.recorder());
                    } else {
                        openLoop(
                                client,
                                phase.requests(),
                                phase.rate(),
                                SLICE_SECONDS,
                                phase.recorder());
                    }
                    phase.cpu().endSlice();
                }
            }
            for (Phase phase : phases) {
                LatencyRecorder.Result result =
                        phase.recorder().result(phase.name(), ROUNDS * SLICE_SECONDS);
                results.put(phase.key(), result.withCpu(phase.cpu()));
            }
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        String table = report(results);
        Log.info("\n" + table);
        Path output = Path.of("target", "benchmarks", "ingress-load.md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, table);
        for (LatencyRecorder.Result result : results.values()) {
            assertEquals(0, result.failures(), result.name() + " had failed requests");
        }
    }

    private void connectInstallations() {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            for (int i = 0; i < INSTALLATIONS; i++) {
                String token = IngressFixtures.newSigningToken();
                String installationId = IngressFixtures.newInstallationId();
                signingTokens.add(token);
                installationIds.add(installationId);
                IngressFixtures.publishConnected(kafka, installationId, token);
            }
        }
        await().atMost(Duration.ofMinutes(2))
                .until(() -> registry.connectedCount() >= INSTALLATIONS);
    }

    /** Returns a new signed applicationCreated delivery from the installation at the index. */
    private byte[] deliveryBody(int installation) {
        ObjectNode envelope =
                IngressFixtures.envelope(
                        signingTokens.get(installation),
                        WebhookReceived.APPLICATION_CREATED,
                        IngressFixtures.applicationData(
                                "opp-" + ThreadLocalRandom.current().nextLong()));
        return envelope.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private Request toSharedUrl() {
        return new Request(IngressFixtures.SHARED_PATH, deliveryBody(randomInstallation()));
    }

    private Request toInstallationUrl() {
        int installation = randomInstallation();
        return new Request(
                IngressFixtures.installationPath(installationIds.get(installation)),
                deliveryBody(installation));
    }

    private int randomInstallation() {
        return ThreadLocalRandom.current().nextInt(signingTokens.size());
    }

    /** Keeps {@link #IN_FLIGHT} requests outstanding for the given time. */
    private void closedLoop(
            HttpClient client, Supplier<Request> requests, int seconds, LatencyRecorder recorder)
            throws InterruptedException {
        long endAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch finished = new CountDownLatch(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            sendUntil(client, requests, recorder, endAt, finished);
        }
        finished.await(seconds + 60L, TimeUnit.SECONDS);
    }

    private void sendUntil(
            HttpClient client,
            Supplier<Request> requests,
            LatencyRecorder recorder,
            long endAt,
            CountDownLatch finished) {
        if (System.nanoTime() >= endAt) {
            finished.countDown();
            return;
        }
        long started = System.nanoTime();
        send(client, requests.get())
                .onComplete(
                        outcome -> {
                            recorder.record(
                                    System.nanoTime() - started,
                                    outcome.succeeded() && outcome.result());
                            sendUntil(client, requests, recorder, endAt, finished);
                        });
    }

    /** Starts requests at a fixed rate, whether or not earlier ones have finished. */
    private void openLoop(
            HttpClient client,
            Supplier<Request> requests,
            int perSecond,
            int seconds,
            LatencyRecorder recorder) {
        long total = (long) perSecond * seconds;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        AtomicLong completed = new AtomicLong();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Request request = requests.get();
            send(client, request)
                    .onComplete(
                            outcome -> {
                                recorder.record(
                                        System.nanoTime() - scheduled,
                                        outcome.succeeded() && outcome.result());
                                completed.incrementAndGet();
                            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> completed.get() == total);
    }

    /** Posts the body; the future succeeds with whether the status was 200. */
    private static Future<Boolean> send(HttpClient client, Request request) {
        return client.request(HttpMethod.POST, request.path())
                .compose(
                        http ->
                                http.putHeader("Content-Type", "application/json")
                                        .send(Buffer.buffer(request.body())))
                .compose(response -> response.body().map(ignored -> response.statusCode() == 200));
    }

    private static String report(Map<String, LatencyRecorder.Result> results) {
        StringBuilder table = new StringBuilder();
        table.append(
                "| phase | requests | failures | requests/s | p50 ms | p99 ms | max ms"
                        + " | JVM CPU µs/request | machine CPU µs/request |\n");
        table.append("|---|---|---|---|---|---|---|---|---|\n");
        for (LatencyRecorder.Result result : results.values()) {
            table.append(result.toMarkdownRow()).append('\n');
        }
        table.append('\n');
        LatencyRecorder.Result bare = results.get("bare");
        for (String url : List.of("shared", "per-installation")) {
            LatencyRecorder.Result ingress = results.get(url);
            if (bare != null && ingress != null) {
                table.append(
                        String.format(
                                "Ingress (%s URL) / bare throughput at max rate: %.2f%n",
                                url, ingress.perSecond() / bare.perSecond()));
            }
        }
        table.append(
                String.format(
                        "Installations: %d, in flight: %d, %d rounds of %d s per phase,"
                                + " run at %s, load average at the end: %.1f on %d cores%n",
                        INSTALLATIONS,
                        IN_FLIGHT,
                        ROUNDS,
                        SLICE_SECONDS,
                        Instant.now(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        Runtime.getRuntime().availableProcessors()));
        return table.toString();
    }

    /**
     * Keeps the phases named in {@code -Dbench.phases} (comma-separated keys), or all of them when
     * the property is empty. Profiling one phase needs the others out of the recording.
     */
    private static List<Phase> selected(List<Phase> phases) {
        if (PHASES.isBlank()) {
            return phases;
        }
        List<String> keys = List.of(PHASES.split(","));
        List<Phase> selectedPhases = phases.stream().filter(phase -> keys.contains(phase.key())).toList();
        if (selectedPhases.isEmpty()) {
            throw new IllegalArgumentException(
                    "bench.phases=" + PHASES + " names no phase; use keys among "
                            + phases.stream().map(Phase::key).toList());
        }
        return selectedPhases;
    }

    private record Request(String path, byte[] body) {}

    /** One measured phase; a rate of 0 means a closed loop at the maximum rate. */
    private record Phase(
            String key,
            String name,
            Supplier<Request> requests,
            int rate,
            LatencyRecorder recorder,
            CpuMeter cpu) {
        Phase(String key, String name, Supplier<Request> requests, int rate) {
            this(
                    key,
                    name,
                    requests,
                    rate,
                    new LatencyRecorder(ROUNDS * SLICE_SECONDS * 50_000),
                    new CpuMeter());
        }
    }
}
