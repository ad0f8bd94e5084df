package place.career.leversync.lever;

/**
 * Thrown before a Lever call when this replica no longer holds the installation's lease. The
 * work item stays pending and the new lease holder runs it.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String installationId) {
        super("This replica no longer holds the lease of installation " + installationId);
    }
}
