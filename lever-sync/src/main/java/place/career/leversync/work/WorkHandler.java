package place.career.leversync.work;

import io.smallrye.mutiny.Uni;

/**
 * Runs work items of one kind. A handler must be safe to run again for the same item: a crash
 * or a lost lease can interrupt it after any Lever call.
 *
 * <p>Failures are handled by {@link WorkExecutor}: a retryable {@code LeverCallException} is
 * retried with backoff, 403/404 skip the item, a revoked installation parks it.
 */
public interface WorkHandler {

    /** Returns the kind of work this handler runs. */
    WorkKind kind();

    /** Runs the item and returns how it ended. */
    Uni<WorkResult> handle(WorkContext context, WorkItem item);
}
