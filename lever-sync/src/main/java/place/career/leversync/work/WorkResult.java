package place.career.leversync.work;

/**
 * Outcome of a work item.
 *
 * @param state {@code DONE} or {@code SKIPPED}, or null when the handler stored the outcome itself
 * @param reason why it was skipped, or null when done
 */
public record WorkResult(String state, String reason) {

    private static final WorkResult DONE = new WorkResult("DONE", null);
    private static final WorkResult STORED = new WorkResult(null, null);

    /** Returns the result of a handler that already finished the work item in its own statement. */
    public static WorkResult stored() {
        return STORED;
    }

    public static WorkResult done() {
        return DONE;
    }

    public static WorkResult skipped(String reason) {
        return new WorkResult("SKIPPED", reason);
    }
}
