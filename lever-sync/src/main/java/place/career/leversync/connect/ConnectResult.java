package place.career.leversync.connect;

/**
 * Outcome of the OAuth callback, sent to the career.place settings page as the query parameter
 * {@code result}. Only {@link #CONNECTED} stores anything.
 */
public enum ConnectResult {
    /** Tokens stored and the installation CONNECTED. */
    CONNECTED("connected"),
    /** The Lever admin declined on Lever's consent page. */
    ACCESS_DENIED("access_denied"),
    /** The state is missing, unknown or was used before. */
    INVALID_STATE("invalid_state"),
    /** The state is older than {@code leversync.connect.state-lifetime}. */
    EXPIRED_STATE("expired_state"),
    /** Lever returned neither a code nor an error. */
    INVALID_REQUEST("invalid_request"),
    /** Lever's token endpoint rejected the code, for example because it expired or was used. */
    CODE_REJECTED("code_rejected"),
    /** Lever did not respond, or returned 429 or 5xx; starting the connect again may succeed. */
    LEVER_UNAVAILABLE("lever_unavailable"),
    /** Lever reported another error, such as an unknown client; an operator must look at the log. */
    LEVER_ERROR("lever_error"),
    /** Lever issued no refresh token, so the connection would end within an hour. */
    MISSING_OFFLINE_ACCESS("missing_offline_access"),
    /** The access token does not name the Lever account and user. */
    LEVER_ACCOUNT_UNKNOWN("lever_account_unknown"),
    /** The Lever user who granted access is deactivated or unknown, so writes cannot act as them. */
    LEVER_USER_INACTIVE("lever_user_inactive"),
    /** The organisation is connected to another Lever account; disconnect that one first. */
    OTHER_ACCOUNT_CONNECTED("other_account_connected"),
    /** lever-sync failed, for example its database; the service log has the error. */
    INTERNAL_ERROR("internal_error");

    private final String code;

    ConnectResult(String code) {
        this.code = code;
    }

    /** Returns the value of the {@code result} query parameter. */
    public String code() {
        return code;
    }
}
