package place.career.orchestrator.funnel;

import static place.career.events.FunnelStatus.CLOSED;
import static place.career.events.FunnelStatus.IN_PROGRESS;
import static place.career.events.FunnelStatus.OPTED_OUT;
import static place.career.events.FunnelStatus.QUALIFIED;
import static place.career.events.FunnelStatus.UNQUALIFIED;

import place.career.events.FunnelStatus;

/**
 * The funnel's rules as a pure function of the current state and one signal.
 *
 * <p>{@code INVITED} moves to {@code IN_PROGRESS} on a start and to any outcome directly, because
 * career.place may report a result without a start. {@code INVITED} and {@code IN_PROGRESS} move to
 * {@code OPTED_OUT} or {@code CLOSED}. Terminal states never move, with one exception: an erasure
 * request moves any funnel whose personal data is still stored to {@code CLOSED} with reason
 * {@value #REASON_DELETED}, because the other services erase their copies on that status.
 */
public final class FunnelStateMachine {

    /** Reason of {@code OPTED_OUT} when the reminder window ended without a start. */
    public static final String REASON_NOT_STARTED = "not-started";
    /** Reason of {@code OPTED_OUT} when the candidate unsubscribed. */
    public static final String REASON_UNSUBSCRIBED = "unsubscribed";
    /** Reason of {@code OPTED_OUT} when the candidate's address bounced. */
    public static final String REASON_BOUNCED = "bounced";
    /** Reason of {@code OPTED_OUT} when the candidate declined in career.place. */
    public static final String REASON_DECLINED = "declined";
    /** Reason of {@code CLOSED} when the opportunity was archived in Lever. */
    public static final String REASON_ARCHIVED = "archived";
    /** Reason of {@code CLOSED} when the candidate was hired in Lever. */
    public static final String REASON_HIRED = "hired";
    /** Reason of {@code CLOSED} when the candidate was deleted in Lever. */
    public static final String REASON_DELETED = "deleted";
    /** Reason of {@code CLOSED} when the installation was disconnected. */
    public static final String REASON_DISCONNECTED = "disconnected";

    private FunnelStateMachine() {}

    /**
     * Decides what a signal does to a funnel.
     *
     * @param current the funnel's status
     * @param erased whether the funnel's personal data has already been erased
     * @param signal the input
     * @param detail the reason career.place gave for {@link FunnelSignal#UNQUALIFIED}, unused for other signals
     * @return the transition, history note or ignore decision; never null
     */
    public static Decision decide(FunnelStatus current, boolean erased, FunnelSignal signal, String detail) {
        if (signal == FunnelSignal.ERASED) {
            return erased
                    ? new Decision.Ignored("personal data was already erased")
                    : new Decision.Transition(CLOSED, REASON_DELETED);
        }
        if (current.isTerminal()) {
            return new Decision.Ignored("funnel is already " + current);
        }
        boolean started = current == IN_PROGRESS;
        return switch (signal) {
            case STARTED -> started
                    ? new Decision.Ignored("funnel was already started")
                    : new Decision.Transition(IN_PROGRESS, null);
            case SUBMITTED -> new Decision.Noted("candidate submitted a step");
            case QUALIFIED -> new Decision.Transition(QUALIFIED, null);
            case UNQUALIFIED -> new Decision.Transition(UNQUALIFIED, detail);
            case DECLINED -> new Decision.Transition(OPTED_OUT, REASON_DECLINED);
            case NOT_STARTED_IN_TIME -> started
                    ? new Decision.Ignored("candidate started before the reminder window ended")
                    : new Decision.Transition(OPTED_OUT, REASON_NOT_STARTED);
            case UNSUBSCRIBED -> new Decision.Transition(OPTED_OUT, REASON_UNSUBSCRIBED);
            case BOUNCED -> started
                    ? new Decision.Ignored("candidate already started, so the bounce needs no action")
                    : new Decision.Transition(OPTED_OUT, REASON_BOUNCED);
            case ARCHIVED -> new Decision.Transition(CLOSED, REASON_ARCHIVED);
            case HIRED -> new Decision.Transition(CLOSED, REASON_HIRED);
            case DELETED -> new Decision.Transition(CLOSED, REASON_DELETED);
            case DISCONNECTED -> new Decision.Transition(CLOSED, REASON_DISCONNECTED);
            case ERASED -> throw new IllegalStateException("ERASED is decided before the switch");
        };
    }
}
