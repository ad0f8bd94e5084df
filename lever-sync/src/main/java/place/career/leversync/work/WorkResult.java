package place.career.leversync.work;

/**
 * How a work item ended.
 *
 * @param state {@code DONE} or {@code SKIPPED}
 * @param reason why it was skipped; null when done
 */
public record WorkResult(String state, String reason) {

    private static final WorkResult DONE = new WorkResult("DONE", null);

    public static WorkResult done() {
        return DONE;
    }

    public static WorkResult skipped(String reason) {
        return new WorkResult("SKIPPED", reason);
    }
}
