package place.career.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JourneyTraceTest {

    private static final String FUNNEL = "0a6591b7-0e8b-4cf2-9670-131e6cebff82";

    @Test
    void traceFollowsOpportunityIntoFunnel(@TempDir Path dir) throws Exception {
        Path orchestrator = write(dir, "funnel-orchestrator.log",
                "2026-12-04 21:15:08,964 INFO  [FunnelStarter] (loop) Starting funnelId=" + FUNNEL
                        + " opportunityId=opp-1",
                "2026-12-04 21:15:09,000 INFO  [FunnelStarter] (loop) Starting funnelId="
                        + "11111111-2222-3333-4444-555555555555 opportunityId=opp-2");
        Path notifier = write(dir, "notifier.log",
                "2026-12-04 21:15:09,090 INFO  [MailDispatcher] (sender) Mail sent: funnelId=" + FUNNEL,
                "\tat some.Frame(Frame.java:1)",
                "2026-12-04 21:15:09,100 WARN  [TimerMaintenance] (loop) Opting out due candidates failed",
                "2026-12-04 21:15:09,200 WARN  [MeterRegistry] (loop) This Gauge has been already registered");

        String trace = JourneyTrace.of(List.of(orchestrator, notifier), "opp-1");

        String firstLine = trace.lines().findFirst().orElseThrow();
        assertTrue(firstLine.startsWith("Last seen: funnel-orchestrator [21:15:08,964 Starting funnelId="),
                firstLine);
        assertTrue(firstLine.contains("notifier [21:15:09,090 Mail sent: funnelId=" + FUNNEL + "; 1 other warnings]"),
                firstLine);
        assertTrue(trace.contains("\n  2026-12-04 21:15:09,090 INFO  [MailDispatcher] (sender) Mail sent"), trace);
        assertTrue(trace.contains("(other) 2026-12-04 21:15:09,100 WARN"), trace);
        assertFalse(trace.contains("opp-2"), trace);
        assertFalse(trace.contains("some.Frame"), trace);
        assertFalse(trace.contains("Gauge"), trace);
    }

    @Test
    void traceNamesUnreadableLog(@TempDir Path dir) {
        String trace = JourneyTrace.of(List.of(dir.resolve("absent.log")), "opp-1");

        assertTrue(trace.startsWith("Last seen: absent [unreadable]"), trace);
        assertTrue(trace.contains("could not read"), trace);
    }

    private static Path write(Path dir, String name, String... lines) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }
}
