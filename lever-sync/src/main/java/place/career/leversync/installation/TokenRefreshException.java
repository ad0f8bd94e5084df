package place.career.leversync.installation;

/** Thrown when Lever's token endpoint failed temporarily (timeout, 5xx); worth retrying later. */
public class TokenRefreshException extends RuntimeException {

    public TokenRefreshException(String installationId, String message, Throwable cause) {
        super("Refreshing the access token of installation " + installationId + " failed: " + message, cause);
    }
}
