package place.career.leversync.lever;

import java.time.Duration;

/**
 * A Lever Data API call that did not succeed. {@code status} is 0 when no HTTP response arrived.
 * The message carries Lever's error code and message, which name ids but no personal data.
 */
public class LeverCallException extends RuntimeException {

    private final String endpoint;
    private final int status;
    private final Duration retryAfter;
    private final boolean outcomeUnknown;

    public LeverCallException(String endpoint, int status, String detail, Duration retryAfter,
            boolean outcomeUnknown, Throwable cause) {
        super("Lever " + endpoint + " failed" + (status == 0 ? "" : " with HTTP " + status) + ": " + detail, cause);
        this.endpoint = endpoint;
        this.status = status;
        this.retryAfter = retryAfter;
        this.outcomeUnknown = outcomeUnknown;
    }

    public String endpoint() {
        return endpoint;
    }

    /** Returns the HTTP status, or 0 for a transport failure (refused, reset, timed out). */
    public int status() {
        return status;
    }

    /** Returns the delay Lever asked for with Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Returns whether Lever may have applied the request although no success arrived: a timeout
     * or reset after sending, or a 5xx. A write with an unknown outcome must be checked in Lever
     * before it is sent again.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** Returns whether a later attempt may succeed: 429, 5xx and transport failures. */
    public boolean isRetryable() {
        return status == 0 || status == 429 || status >= 500;
    }

    /** Returns whether the opportunity is gone or hidden from this installation (403, 404). */
    public boolean isInaccessible() {
        return status == 403 || status == 404;
    }

    public boolean isRateLimited() {
        return status == 429;
    }
}
