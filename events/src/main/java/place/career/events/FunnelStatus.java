package place.career.events;

/**
 * States of one candidate's funnel. {@code QUALIFIED}, {@code UNQUALIFIED}, {@code OPTED_OUT} and
 * {@code CLOSED} are terminal: no event moves a funnel out of them.
 */
public enum FunnelStatus {
    INVITED,
    IN_PROGRESS,
    QUALIFIED,
    UNQUALIFIED,
    OPTED_OUT,
    CLOSED;

    /** Returns whether no further transition can leave this state. */
    public boolean isTerminal() {
        return this == QUALIFIED || this == UNQUALIFIED || this == OPTED_OUT || this == CLOSED;
    }
}
