package place.career.leversync.setup;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import place.career.leversync.lever.RequestPermits;

/**
 * Admission of an admin's setup calls when this replica does not run the installation's lane: at
 * once and uncounted. Lever's 429 reaches the admin as a 503 instead of pausing the call.
 *
 * <p>NOTE: these calls are not counted in the installation's token bucket, which another replica
 * holds. A settings screen makes one call per 100 stages or postings, so at worst queued work on
 * that replica gets an occasional 429 and retries with backoff.
 */
final class DirectPermits implements RequestPermits {

    static final DirectPermits INSTANCE = new DirectPermits();

    private DirectPermits() {}

    @Override
    public Uni<Void> acquire() {
        return Uni.createFrom().voidItem();
    }

    @Override
    public void pause(Duration delay) {
        Log.debugf("Lever returned 429 to a setup call; the admin gets 503 and may retry after %d ms",
                delay.toMillis());
    }
}
