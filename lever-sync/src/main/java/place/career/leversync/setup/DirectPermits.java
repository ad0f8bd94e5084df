package place.career.leversync.setup;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import place.career.leversync.lever.RequestPermits;

/**
 * Admission of the Lever calls an admin's setup request makes: at once, outside the work lanes,
 * so that a backlog of queued work never delays a settings screen. Lever's 429 reaches the admin
 * as a 503 instead of pausing the call.
 *
 * <p>Known limitation: these calls are not counted in the installation's token bucket. A
 * settings screen makes a few calls (one per 100 stages or postings), so they can cause an
 * occasional 429 for queued work, which then retries with backoff. Lever's limit is 10
 * requests per second; if setup traffic ever grows near that, route these calls through the lane.
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
