package place.career.leversync.lever;

import io.smallrye.mutiny.Uni;
import java.time.Duration;

/** Admission of Lever calls for one installation: its rate limit and its lease. */
public interface RequestPermits {

    /**
     * Completes when one more request may be sent now. Fails with {@link LeaseLostException}
     * when this replica may no longer call Lever for the installation.
     */
    Uni<Void> acquire();

    /** Stops sending for at least {@code delay}, because Lever responded with 429. */
    void pause(Duration delay);
}
