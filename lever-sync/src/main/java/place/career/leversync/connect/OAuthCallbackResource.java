package place.career.leversync.connect;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import place.career.leversync.LeverSyncConfig;
import place.career.leversync.connect.CallbackService.ConnectOutcome;

/**
 * Lever's OAuth redirect target. The admin's browser arrives here from Lever's consent page
 * without a career.place token, so the state alone identifies the organisation and admin.
 */
@Path("/api/integrations/lever/oauth/callback")
@PermitAll
@Tag(name = "Lever connection", description = "Connecting a career.place organisation to a Lever account")
public class OAuthCallbackResource {

    private final CallbackService callbacks;
    private final LeverSyncConfig config;

    OAuthCallbackResource(CallbackService callbacks, LeverSyncConfig config) {
        this.callbacks = callbacks;
        this.config = config;
    }

    @GET
    @Operation(summary = "Complete a Lever connect",
            description = "Lever redirects the admin's browser here after the consent page. The response is "
                    + "always a 303 redirect to the career.place settings page with the query parameter "
                    + "result: connected, access_denied, invalid_state, expired_state, invalid_request, "
                    + "code_rejected, lever_unavailable, lever_error, missing_offline_access, "
                    + "lever_account_unknown, lever_user_inactive, other_account_connected or "
                    + "internal_error.")
    @APIResponse(responseCode = "303", description = "Redirect to the settings page with the result")
    public Uni<Response> callback(
            @Parameter(description = "The state from POST /api/setup/lever/connect") @QueryParam("state")
                    String state,
            @Parameter(description = "Authorization code, on consent") @QueryParam("code") String code,
            @Parameter(description = "OAuth error, for example access_denied") @QueryParam("error")
                    String error) {
        return callbacks.complete(state, code, error)
                .onFailure().recoverWithItem(failure -> {
                    // The admin's browser gets the settings page rather than an error document.
                    Log.errorf(failure, "OAuth callback failed unexpectedly");
                    return new ConnectOutcome(ConnectResult.INTERNAL_ERROR, null, null);
                })
                .map(this::redirect);
    }

    private Response redirect(ConnectOutcome outcome) {
        String settings = config.connect().settingsUrl();
        String location = settings + (settings.contains("?") ? "&" : "?") + "result="
                + URLEncoder.encode(outcome.result().code(), StandardCharsets.UTF_8);
        // The request URL carried the authorization code: keep it out of caches and Referer headers.
        return Response.seeOther(URI.create(location))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
