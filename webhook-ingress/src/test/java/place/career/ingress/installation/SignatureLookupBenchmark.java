package place.career.ingress.installation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import place.career.ingress.IngressFixtures;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Cost of finding the installation that signed a delivery, as the number of connected installations
 * grows: the shared URL tries every key until one verifies, the per-installation URL checks one
 * installation's keys. "Random signer" spreads deliveries evenly over all installations, which
 * defeats the recent-signer shortcut; "one of 8 recent signers" is a burst from a few accounts.
 *
 * <p>A plain timing loop, not JMH: each figure is the median of 15 rounds after 2 s of warm-up
 * rounds, in one JVM. It writes its table to {@code target/benchmarks/signature-lookup.md}.
 */
@Tag("benchmark")
class SignatureLookupBenchmark {

    private static final int[] SIZES = {10, 1_000, 10_000};
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final int ROUNDS = 15;
    private static final int LOOKUPS_PER_ROUND = 200;

    private long sink;

    @Test
    void measureLookupCostByInstallationCount() throws IOException {
        StringBuilder table = new StringBuilder();
        table.append(
                "| installations | shared URL, random signer (µs) | shared URL, one of 8 recent"
                        + " signers (µs) | shared URL, no match (µs) | installation URL (µs) |\n"
                        + "|---|---|---|---|---|\n");
        for (int size : SIZES) {
            table.append(measure(size)).append('\n');
        }
        table.append(
                String.format(
                        "%nMedian of %d rounds of %d lookups each, run at %s on %d cores,"
                                + " load average at the end: %.1f.%n",
                        ROUNDS,
                        LOOKUPS_PER_ROUND,
                        Instant.now(),
                        Runtime.getRuntime().availableProcessors(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));

        System.out.println(table);
        Path output = Path.of("target", "benchmarks", "signature-lookup.md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, table.toString());
    }

    private String measure(int size) {
        InstallationRegistry registry = new InstallationRegistry();
        registry.meters = new SimpleMeterRegistry();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String token = IngressFixtures.newSigningToken();
            tokens.add(token);
            registry.putConnected("inst-" + i, List.of(token));
        }
        registry.publishChanges();

        Random random = new Random(size);
        byte[] message = "be58a4c1d23b31541431454330072".getBytes(StandardCharsets.UTF_8);
        byte[][] signatures = new byte[LOOKUPS_PER_ROUND][];
        String[] owners = new String[LOOKUPS_PER_ROUND];
        for (int i = 0; i < LOOKUPS_PER_ROUND; i++) {
            int signer = random.nextInt(size);
            signatures[i] = IngressFixtures.hmac(tokens.get(signer), message);
            owners[i] = "inst-" + signer;
        }
        byte[] unknownSignature = IngressFixtures.hmac("not-a-connected-token", message);

        double shared =
                medianMicros(
                        () -> {
                            for (byte[] signature : signatures) {
                                sink +=
                                        registry.findBySignature(message, signature)
                                                .installationId()
                                                .length();
                            }
                        });
        byte[][] burst = new byte[LOOKUPS_PER_ROUND][];
        for (int i = 0; i < LOOKUPS_PER_ROUND; i++) {
            burst[i] = IngressFixtures.hmac(tokens.get(i % Math.min(8, size)), message);
        }
        double recent =
                medianMicros(
                        () -> {
                            for (byte[] signature : burst) {
                                sink +=
                                        registry.findBySignature(message, signature)
                                                .installationId()
                                                .length();
                            }
                        });
        double noMatch =
                medianMicros(
                        () -> {
                            for (int i = 0; i < LOOKUPS_PER_ROUND; i++) {
                                sink +=
                                        registry.findBySignature(message, unknownSignature)
                                                .result()
                                                .ordinal();
                            }
                        });
        double perInstallation =
                medianMicros(
                        () -> {
                            for (int i = 0; i < LOOKUPS_PER_ROUND; i++) {
                                sink +=
                                        registry.verifyFor(owners[i], message, signatures[i])
                                                .result()
                                                .ordinal();
                            }
                        });
        return String.format(
                "| %,d | %.1f | %.1f | %.1f | %.2f |",
                size, shared, recent, noMatch, perInstallation);
    }

    /** Runs the round repeatedly and returns the median time per lookup in microseconds. */
    private static double medianMicros(Runnable round) {
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < warmUpEnd) {
            round.run();
        }
        double[] perLookup = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long started = System.nanoTime();
            round.run();
            perLookup[i] = (System.nanoTime() - started) / 1_000.0 / LOOKUPS_PER_ROUND;
        }
        Arrays.sort(perLookup);
        return perLookup[ROUNDS / 2];
    }
}
