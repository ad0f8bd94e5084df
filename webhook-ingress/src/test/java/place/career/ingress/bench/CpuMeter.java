package place.career.ingress.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent during a benchmark phase, by this JVM (driver and service together) and by the
 * whole machine (adding the broker, PostgreSQL and anything else running). Machine figures come
 * from {@code /proc/stat} and are absent where it does not exist. Not thread-safe: one phase runs
 * at a time.
 */
final class CpuMeter {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private long jvmNanos;
    private double machineNanos;
    private boolean machineKnown = true;
    private long sliceJvmStart;
    private long[] sliceMachineStart;
    private long sliceWallStart;

    void startSlice() {
        sliceJvmStart = os.getProcessCpuTime();
        sliceMachineStart = machineJiffies();
        sliceWallStart = System.nanoTime();
    }

    void endSlice() {
        long wall = System.nanoTime() - sliceWallStart;
        jvmNanos += os.getProcessCpuTime() - sliceJvmStart;
        long[] end = machineJiffies();
        if (sliceMachineStart == null || end == null || end[1] == sliceMachineStart[1]) {
            machineKnown = false;
            return;
        }
        double busyShare =
                (double) (end[0] - sliceMachineStart[0]) / (end[1] - sliceMachineStart[1]);
        machineNanos += busyShare * cores * wall;
    }

    /** JVM CPU microseconds per request. */
    double jvmMicrosPer(long requests) {
        return requests == 0 ? Double.NaN : jvmNanos / 1000.0 / requests;
    }

    /** Machine CPU microseconds per request, or NaN when the machine's figures are unknown. */
    double machineMicrosPer(long requests) {
        return requests == 0 || !machineKnown ? Double.NaN : machineNanos / 1000.0 / requests;
    }

    /** Returns {busy, total} jiffies of all cores, or null when /proc/stat cannot be read. */
    private static long[] machineJiffies() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                long value = Long.parseLong(fields[i]);
                total += value;
                // Fields 4 and 5 are idle and iowait: time no task ran.
                if (i == 4 || i == 5) {
                    idle += value;
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
