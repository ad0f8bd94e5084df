package place.career.ingress.problem;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Ids that tie a response to the log lines of the request that produced it. */
public final class RequestIds {

    /** Response header that carries the request id. */
    public static final String HEADER = "X-Request-Id";

    private RequestIds() {}

    /**
     * Returns a new random request id in UUID form. The id only correlates log lines and need not
     * be unguessable, so it comes from a per-thread generator rather than the shared secure one
     * that {@link UUID#randomUUID()} locks on every call.
     */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
