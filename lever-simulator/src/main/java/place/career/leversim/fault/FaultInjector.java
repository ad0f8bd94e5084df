package place.career.leversim.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Pending injected faults. The first matching rule of a kind wins, in order of registration. */
public final class FaultInjector {

    private final List<FaultRule> rules = new ArrayList<>();
    private volatile Duration timeoutHang = Duration.ofSeconds(30);

    /** Fails the next {@code count} matching requests with {@code status}, unhandled. */
    public void failNext(RequestPattern pattern, int count, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("Failure status must be 4xx or 5xx: " + status);
        }
        add(new FaultRule(FaultRule.Kind.FAIL_BEFORE, pattern, count, status, null, null));
    }

    /** Handles the next {@code count} matching requests that succeed, then fails their response. */
    public void failAfterApply(RequestPattern pattern, int count, AfterApplyFailure failure) {
        add(new FaultRule(FaultRule.Kind.FAIL_AFTER_APPLY, pattern, count, 0, failure, null));
    }

    /** Waits {@code delay} before handling each of the next {@code count} matching requests. */
    public void delayNext(RequestPattern pattern, int count, Duration delay) {
        add(new FaultRule(FaultRule.Kind.DELAY, pattern, count, 0, null, delay));
    }

    /** Sets how long {@link AfterApplyFailure#TIMEOUT} keeps a connection open (default 30 s). */
    public void setTimeoutHang(Duration hang) {
        this.timeoutHang = hang;
    }

    public Duration timeoutHang() {
        return timeoutHang;
    }

    /** Consumes one application of the first rule of {@code kind} matching the request. */
    public synchronized Optional<FaultRule> take(FaultRule.Kind kind, String method, String path) {
        Iterator<FaultRule> iterator = rules.iterator();
        while (iterator.hasNext()) {
            FaultRule rule = iterator.next();
            if (rule.consume(kind, method, path)) {
                if (rule.isUsedUp()) {
                    iterator.remove();
                }
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    public synchronized void clear() {
        rules.clear();
        timeoutHang = Duration.ofSeconds(30);
    }

    private synchronized void add(FaultRule rule) {
        rules.add(rule);
    }
}
