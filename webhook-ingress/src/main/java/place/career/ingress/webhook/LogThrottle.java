package place.career.ingress.webhook;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits repeated log lines per key (for example per rejection reason) to a fixed number per
 * minute, so that a flood of bad requests cannot flood the log. The first line of each new minute
 * reports how many were left out in the minute before.
 */
final class LogThrottle {

    private static final long WINDOW_MS = 60_000;

    private final int linesPerWindow;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    LogThrottle(int linesPerWindow) {
        this.linesPerWindow = linesPerWindow;
    }

    /**
     * Returns -1 when a line for this key must be left out, otherwise the number of lines left out
     * since the last line that was written (usually 0).
     */
    long admit(String key, long nowMillis) {
        Window window = windows.computeIfAbsent(key, ignored -> new Window());
        synchronized (window) {
            if (nowMillis - window.startedAt >= WINDOW_MS) {
                window.startedAt = nowMillis;
                window.written = 0;
            }
            if (window.written >= linesPerWindow) {
                window.suppressed.incrementAndGet();
                return -1;
            }
            window.written++;
            return window.suppressed.getAndSet(0);
        }
    }

    private static final class Window {
        long startedAt;
        int written;
        final AtomicLong suppressed = new AtomicLong();
    }
}
