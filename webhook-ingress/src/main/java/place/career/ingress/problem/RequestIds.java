package place.career.ingress.problem;

import java.util.UUID;

/** Ids that tie a response to the log lines of the request that produced it. */
public final class RequestIds {

    /** Response header that carries the request id. */
    public static final String HEADER = "X-Request-Id";

    private RequestIds() {}

    /** Returns a new random request id. */
    public static String next() {
        return UUID.randomUUID().toString();
    }
}
