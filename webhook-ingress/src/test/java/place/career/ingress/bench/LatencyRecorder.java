package place.career.ingress.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** Collects request latencies and failures of one benchmark phase. Thread-safe. */
final class LatencyRecorder {

    private final long[] latenciesNanos;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    LatencyRecorder(int capacity) {
        latenciesNanos = new long[capacity];
    }

    void record(long latencyNanos, boolean success) {
        if (!success) {
            failures.incrementAndGet();
        }
        long index = count.getAndIncrement();
        if (index < latenciesNanos.length) {
            latenciesNanos[(int) index] = latencyNanos;
        }
    }

    long count() {
        return count.get();
    }

    /** Returns the phase's figures; call after every request of the phase has completed. */
    Result result(String name, double seconds) {
        int recorded = (int) Math.min(count.get(), latenciesNanos.length);
        long[] sorted = Arrays.copyOf(latenciesNanos, recorded);
        Arrays.sort(sorted);
        return new Result(
                name,
                count.get(),
                failures.get(),
                count.get() / seconds,
                percentileMillis(sorted, 0.50),
                percentileMillis(sorted, 0.99),
                percentileMillis(sorted, 1.0),
                Double.NaN,
                Double.NaN);
    }

    private static double percentileMillis(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    /**
     * Figures of one phase.
     *
     * @param requests requests completed
     * @param failures responses other than 200, and transport errors
     * @param perSecond completed requests per second of the phase
     * @param jvmCpuMicros CPU of this JVM (load driver and service) per request
     * @param machineCpuMicros CPU of the whole machine per request
     */
    record Result(
            String name,
            long requests,
            long failures,
            double perSecond,
            double p50Ms,
            double p99Ms,
            double maxMs,
            double jvmCpuMicros,
            double machineCpuMicros) {

        Result withCpu(CpuMeter cpu) {
            return new Result(
                    name,
                    requests,
                    failures,
                    perSecond,
                    p50Ms,
                    p99Ms,
                    maxMs,
                    cpu.jvmMicrosPer(requests),
                    cpu.machineMicrosPer(requests));
        }

        String toMarkdownRow() {
            return String.format(
                    "| %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %.0f | %.0f |",
                    name,
                    requests,
                    failures,
                    perSecond,
                    p50Ms,
                    p99Ms,
                    maxMs,
                    jvmCpuMicros,
                    machineCpuMicros);
        }
    }
}
