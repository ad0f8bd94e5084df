package place.career.leversync.installation;

/**
 * Lever's token endpoint did not issue tokens. {@code status} is 0 when no HTTP response arrived;
 * {@code error} is the OAuth error code of the response, such as {@code invalid_grant}, or null.
 */
public class TokenEndpointException extends RuntimeException {

    private final int status;
    private final String error;

    public TokenEndpointException(int status, String error, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /**
     * Returns whether Lever rejected the code or refresh token itself ({@code invalid_grant}), so
     * that repeating the request cannot succeed.
     */
    public boolean isGrantRejected() {
        return "invalid_grant".equals(error);
    }
}
