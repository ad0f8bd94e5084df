package place.career.orchestrator.funnel;

import place.career.events.FunnelStatus;

/** The result of applying one signal to a funnel: a transition, a history note, or nothing. */
public sealed interface Decision {

    /**
     * The funnel moves to {@code to}; the transition is stored and published.
     *
     * @param to the new status
     * @param reason the reason published with the status, or null when the transition has none
     */
    record Transition(FunnelStatus to, String reason) implements Decision {}

    /**
     * The funnel keeps its status, and the event is kept in its history as a step of progress.
     *
     * @param detail why the event is worth keeping, for the timeline
     */
    record Noted(String detail) implements Decision {}

    /**
     * The event is late or repeated. It is kept in the history as ignored and nothing is published.
     *
     * @param detail why the event had no effect, for the timeline
     */
    record Ignored(String detail) implements Decision {}
}
