package place.career.leversync.setup;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import place.career.http.QueryParams;
import place.career.leversync.audit.AuditEntry;
import place.career.leversync.common.ProblemException;
import place.career.leversync.connect.AuthorizeRequests;
import place.career.leversync.connect.AuthorizeRequests.AuthorizeRequest;
import place.career.leversync.lever.LeverPosting;
import place.career.leversync.lever.LeverStage;

/**
 * Setup API of the career.place settings screens for the Lever connection. Every request needs an
 * org admin's token and acts on the token's organisation only: no token 401, no admin 403, and
 * data of another organisation is never found.
 */
@Path("/api/setup/lever")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ORG_ADMIN)
@Tag(name = "Lever connection", description = "Connecting a career.place organisation to a Lever account")
@SecurityScheme(securitySchemeName = "careerPlaceJwt", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "Token from the career.place identity provider with the claims sub,"
                + " org_id and groups containing org-admin")
@SecurityRequirement(name = "careerPlaceJwt")
@APIResponse(responseCode = "401", description = "No valid career.place token")
@APIResponse(responseCode = "403", description = "The token's user is not an org admin")
public class LeverSetupResource {

    private static final int DEFAULT_AUDIT_ENTRIES = 100;
    private static final int MAX_AUDIT_ENTRIES = 500;

    private final AuthorizeRequests authorizeRequests;
    private final SetupQueries queries;
    private final SettingsService settings;
    private final DisconnectService disconnects;
    private final JsonWebToken token;

    LeverSetupResource(AuthorizeRequests authorizeRequests, SetupQueries queries, SettingsService settings,
            DisconnectService disconnects, JsonWebToken token) {
        this.authorizeRequests = authorizeRequests;
        this.queries = queries;
        this.settings = settings;
        this.disconnects = disconnects;
        this.token = token;
    }

    @POST
    @Path("/connect")
    @Operation(summary = "Start connecting Lever",
            description = "Returns Lever's authorize URL. Send the admin's browser there; a Lever Super Admin "
                    + "approves access and Lever redirects to the OAuth callback, which redirects to the "
                    + "settings page with the result. The URL works once, for 10 minutes by default.")
    public Uni<AuthorizeRequest> connect() {
        Caller caller = Caller.from(token);
        return authorizeRequests.start(caller.organizationId(), caller.userId());
    }

    @GET
    @Path("/status")
    @Operation(summary = "Show the Lever connection",
            description = "Status, Lever account, perform_as user, qualified stage, webhook activity, the "
                    + "latest error and the queued Lever updates.")
    public Uni<ConnectionStatus> status() {
        return queries.status(Caller.from(token));
    }

    @GET
    @Path("/stages")
    @Operation(summary = "List the Lever account's stages", description = "All pages, in Lever's order.")
    @APIResponse(responseCode = "404", description = "The organisation never connected Lever")
    @APIResponse(responseCode = "409", description = "The connection is revoked or disconnected")
    @APIResponse(responseCode = "502", description = "Lever failed")
    public Uni<List<LeverStage>> stages() {
        return queries.stages(Caller.from(token));
    }

    @GET
    @Path("/postings")
    @Operation(summary = "List the Lever account's postings",
            description = "All pages. Confidential postings are not listed, because the integration does not "
                    + "request Lever's confidential access.")
    @APIResponse(responseCode = "400", description = "Unknown state")
    @APIResponse(responseCode = "404", description = "The organisation never connected Lever")
    @APIResponse(responseCode = "409", description = "The connection is revoked or disconnected")
    public Uni<List<LeverPosting>> postings(
            @QueryParam("state") @Parameter(
                    description = "published, internal, closed, draft, pending or rejected; all when absent")
                    String state) {
        return queries.postings(Caller.from(token), state);
    }

    @GET
    @Path("/postings/{postingId}")
    @Operation(summary = "Show one posting of the Lever account",
            description = "One Lever call, in the same shape as an element of the postings list. "
                    + "funnel-orchestrator calls it with the admin's token before it links a job to a posting.")
    @APIResponse(responseCode = "400", description = "Posting id missing or longer than 200 characters")
    @APIResponse(responseCode = "404", description = "The organisation never connected Lever "
            + "(not-found), or Lever has no such posting or hides it as confidential (posting-not-found)")
    @APIResponse(responseCode = "409", description = "The connection is revoked or disconnected")
    @APIResponse(responseCode = "502", description = "Lever failed")
    @APIResponse(responseCode = "503", description = "Lever is rate limiting, a token refresh failed, or "
            + "another replica is taking over the connection's Lever calls")
    public Uni<LeverPosting> posting(@PathParam("postingId") String postingId) {
        return queries.posting(Caller.from(token), postingId);
    }

    @PUT
    @Path("/qualified-stage")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose the stage for qualified candidates",
            description = "The stage must exist in the Lever account. Qualified candidates move there.")
    @APIResponse(responseCode = "400", description = "stageId missing or not a stage of the account")
    @APIResponse(responseCode = "409", description = "The connection is revoked or disconnected")
    public Uni<LeverStage> qualifiedStage(QualifiedStageRequest request) {
        Caller caller = Caller.from(token);
        return settings.setQualifiedStage(caller, request == null ? null : request.stageId());
    }

    @PUT
    @Path("/webhook-signing-tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store the webhook signing tokens",
            description = "Replaces the stored tokens with the given ones (1 to 10, each 16 to 512 printable ASCII "
                    + "characters without spaces). During a rotation in Lever, "
                    + "send the old and the new token, then only the new one. Tokens are stored encrypted and "
                    + "never returned.")
    @APIResponse(responseCode = "400", description = "No, too many, duplicate, too short, too long or malformed tokens")
    @APIResponse(responseCode = "409", description = "The connection is disconnected")
    public Uni<SigningTokensResult> signingTokens(SigningTokensRequest request) {
        Caller caller = Caller.from(token);
        return settings.setSigningTokens(caller, request == null ? null : request.tokens())
                .map(SigningTokensResult::new);
    }

    @POST
    @Path("/disconnect")
    @Operation(summary = "Disconnect Lever",
            description = "Stops all Lever writes and reminders, deletes the OAuth tokens and skips queued "
                    + "updates. Settings and history stay; connecting the same Lever account restores them.")
    @APIResponse(responseCode = "404", description = "The organisation never connected Lever")
    public Uni<ConnectionStatus> disconnect() {
        Caller caller = Caller.from(token);
        return disconnects.disconnect(caller).chain(() -> queries.status(caller));
    }

    @GET
    @Path("/audit-log")
    @Operation(summary = "List changes to the Lever connection", description = "Newest first.")
    public Uni<List<AuditEntry>> auditLog(
            @QueryParam("limit") @Parameter(description = "Entries to return, 1 to 500",
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100")) String limitParam) {
        int limit;
        try {
            limit = QueryParams.boundedInt("limit", limitParam, DEFAULT_AUDIT_ENTRIES, 1, MAX_AUDIT_ENTRIES);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return queries.auditLog(Caller.from(token), limit);
    }

    /** Body of {@code PUT /qualified-stage}. */
    public record QualifiedStageRequest(String stageId) {}

    /** Body of {@code PUT /webhook-signing-tokens}; the tokens in plain text as Lever shows them. */
    public record SigningTokensRequest(List<String> tokens) {

        /** Prints the count only. */
        @Override
        public String toString() {
            return "SigningTokensRequest[count=" + (tokens == null ? 0 : tokens.size()) + "]";
        }
    }

    /** Response body of {@code PUT /webhook-signing-tokens}. */
    public record SigningTokensResult(int signingTokenCount) {}
}
