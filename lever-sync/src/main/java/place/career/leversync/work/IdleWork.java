package place.career.leversync.work;

import io.smallrye.mutiny.Uni;

/** Low-priority work that a lane runs only when it has no due queued work. */
public interface IdleWork {

    /** Runs at most a small step of work; may spend the lane's spare request tokens only. */
    Uni<Void> runIdle(InstallationLane lane);
}
