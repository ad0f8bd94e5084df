package place.career.leversim.fault;

/** Failure mode for a request whose change was applied, so the caller cannot tell it happened. */
public enum AfterApplyFailure {
    /** Responds 500 with Lever's error body. */
    SERVER_ERROR,
    /** Closes the connection without sending a response. */
    DROP_CONNECTION,
    /** Holds the connection for the configured hang time, then closes it without a response. */
    TIMEOUT
}
