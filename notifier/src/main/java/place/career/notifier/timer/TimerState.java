package place.career.notifier.timer;

/** Life cycle of a durable timer row. */
public enum TimerState {
    /** Waiting for {@code fire_at}. */
    PENDING,
    /** Leased by one replica, not yet handed to SMTP. */
    CLAIMED,
    /** Being handed to SMTP; a crash here leaves the outcome unknown. */
    SENDING,
    /** Sent, or for an opt-out, published. */
    DONE,
    /** Fired but no longer useful, for example too close to the opt-out deadline. */
    SKIPPED,
    /** Stopped by a later funnel status or outcome before it fired. */
    CANCELLED,
    /** The SMTP server rejected the recipient permanently. */
    BOUNCED,
    /** The send may or may not have reached the SMTP server; never retried. */
    UNCERTAIN
}
