package place.career.leversim.fault;

import java.time.Duration;

/**
 * Fault that applies to the next {@code remaining} requests matching {@code pattern}. Only the
 * field of the rule's kind is set: {@code status} for a failure before the request is handled,
 * {@code afterApply} for a failure after it, {@code delay} for a delay before it.
 */
public final class FaultRule {

    /** When the fault acts relative to handling the request. */
    public enum Kind { FAIL_BEFORE, FAIL_AFTER_APPLY, DELAY }

    private final Kind kind;
    private final RequestPattern pattern;
    private final int status;
    private final AfterApplyFailure afterApply;
    private final Duration delay;
    private int remaining;

    FaultRule(Kind kind, RequestPattern pattern, int count, int status,
            AfterApplyFailure afterApply, Duration delay) {
        if (count < 1) {
            throw new IllegalArgumentException("Fault count must be at least 1: " + count);
        }
        this.kind = kind;
        this.pattern = pattern;
        this.remaining = count;
        this.status = status;
        this.afterApply = afterApply;
        this.delay = delay;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public AfterApplyFailure afterApply() {
        return afterApply;
    }

    public Duration delay() {
        return delay;
    }

    /** Uses up one application if the rule matches. Call only with the injector's lock. */
    boolean consume(Kind wanted, String method, String path) {
        if (kind != wanted || remaining == 0 || !pattern.matches(method, path)) {
            return false;
        }
        remaining--;
        return true;
    }

    boolean isUsedUp() {
        return remaining == 0;
    }
}
