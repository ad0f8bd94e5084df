package place.career.leversync.installation;

import io.smallrye.mutiny.Uni;

/**
 * Source of Lever access tokens for an installation. The OAuth connect flow stores tokens, and this
 * seam hands them to the Lever client and refreshes them with refresh-token rotation.
 */
public interface AccessTokens {

    /**
     * Returns an access token for the installation, refreshed first when it expires soon.
     *
     * <p>Fails with {@link InstallationRevokedException} when the installation is not connected or
     * Lever rejected the refresh token, and with {@link TokenRefreshException} when the token
     * endpoint failed temporarily.
     */
    Uni<String> accessToken(String installationId);

    /**
     * Returns a new access token after Lever rejected {@code rejectedToken} with 401. When another
     * caller or replica already replaced that token, its replacement is returned without a second
     * refresh. Fails like {@link #accessToken}.
     */
    Uni<String> refreshAfterRejection(String installationId, String rejectedToken);
}
