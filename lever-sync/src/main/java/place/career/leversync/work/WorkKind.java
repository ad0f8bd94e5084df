package place.career.leversync.work;

/** Kinds of queued work; the payload of each is the record it came from. */
public enum WorkKind {
    /** applicationCreated: read the opportunity from Lever, then publish ApplicationEvent CREATED. */
    APPLICATION_CREATED(true),
    /** Archive, hire or deletion in Lever: publish ApplicationEvent CLOSED or ERASED, no Lever call. */
    APPLICATION_CLOSED(false),
    /** A funnel transition: write its tag, note and stage move to Lever. */
    FUNNEL_TRANSITION(true);

    private final boolean callsLever;

    WorkKind(boolean callsLever) {
        this.callsLever = callsLever;
    }

    /** Returns whether running the work needs Lever calls, and with them a connected installation. */
    public boolean callsLever() {
        return callsLever;
    }
}
