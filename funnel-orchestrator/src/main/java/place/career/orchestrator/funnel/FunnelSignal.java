package place.career.orchestrator.funnel;

/**
 * An input that may move a funnel, translated from the records this service consumes.
 *
 * <p>Each constant names its source so that the state machine does not depend on topic formats.
 */
public enum FunnelSignal {
    /** career.place: the candidate opened the funnel. */
    STARTED,
    /** career.place: the candidate handed in a step such as homework, which is only kept in the history. */
    SUBMITTED,
    /** career.place: the candidate passed. */
    QUALIFIED,
    /** career.place: the candidate did not pass, for the reason the event gives. */
    UNQUALIFIED,
    /** career.place: the candidate declined to take part. */
    DECLINED,
    /** notifier: no start within the reminder window. */
    NOT_STARTED_IN_TIME,
    /** notifier: the candidate used the unsubscribe link. */
    UNSUBSCRIBED,
    /** notifier: the mail server rejected the candidate's address permanently. */
    BOUNCED,
    /** Lever: the opportunity was archived. */
    ARCHIVED,
    /** Lever: the candidate was hired. */
    HIRED,
    /** Lever: the candidate was deleted, reported as a close without an erasure request. */
    DELETED,
    /** Lever: the candidate was deleted and every service must erase the personal data. */
    ERASED,
    /** lever-sync: the installation was disconnected or deleted. */
    DISCONNECTED
}
