package place.career.orchestrator.joblink;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
import place.career.orchestrator.http.Caller;
import place.career.orchestrator.http.ProblemException;
import place.career.orchestrator.http.RequestIdFilter;
import place.career.orchestrator.joblink.AuditLogRepository.AuditEntry;
import place.career.orchestrator.joblink.JobLinkService.JobLinkRequest;

/** Setup API of the career.place settings screens: links career.place jobs to Lever postings. */
@Path("/api/setup")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ORG_ADMIN)
@Tag(name = "Job links", description = "Which career.place job each Lever posting feeds")
@SecurityScheme(securitySchemeName = "careerPlaceJwt", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "Token from the career.place identity provider, with the claims "
                + "sub, org_id and groups containing org-admin")
@SecurityRequirement(name = "careerPlaceJwt")
public class JobLinkResource {

    private static final int DEFAULT_AUDIT_ENTRIES = 100;
    private static final int MAX_AUDIT_ENTRIES = 500;

    private final JobLinkService service;
    private final JsonWebToken token;

    JobLinkResource(JobLinkService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @PUT
    @Path("/job-links/{jobId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link a job to a Lever posting",
            description = "Creates the link or points it at another posting or title. An identical repeat "
                    + "changes nothing. A new posting is first checked in Lever through lever-sync, with the "
                    + "caller's token. New applications to the posting start funnels of the job.")
    @APIResponse(responseCode = "201", description = "Link created")
    @APIResponse(responseCode = "200", description = "Link updated or unchanged")
    @APIResponse(responseCode = "400", description = "A value is missing or malformed")
    @APIResponse(responseCode = "404", description = "Installation not found in the caller's organisation")
    @APIResponse(responseCode = "409", description = "Posting already linked, installation disconnected, "
            + "or the link changed during the posting check")
    @APIResponse(responseCode = "422", description = "The posting does not exist in the Lever account "
            + "(unknown-posting); pick one from lever-sync's GET /api/setup/lever/postings")
    @APIResponse(responseCode = "503", description = "lever-sync could not check the posting "
            + "(posting-check-unavailable); retry after the Retry-After delay")
    public Uni<Response> put(
            @PathParam("jobId") String jobId,
            JobLinkRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri,
            @Context ContainerRequestContext context) {
        return service.put(Caller.from(token), jobId, request, RequestIdFilter.requestId(context), authorization)
                .map(result -> result.created()
                        ? Response.created(uri.getAbsolutePath()).entity(result.link()).build()
                        : Response.ok(result.link()).build());
    }

    @GET
    @Path("/job-links")
    @Operation(summary = "List the job links of the caller's organisation")
    public Uni<List<JobLink>> list() {
        return service.list(Caller.from(token));
    }

    @DELETE
    @Path("/job-links/{jobId}")
    @Operation(summary = "Unlink a job", description = "Stops new funnels, but started funnels run to their end.")
    @APIResponse(responseCode = "204", description = "Link removed")
    @APIResponse(responseCode = "404", description = "The caller's organisation has no link for the job")
    public Uni<Response> delete(@PathParam("jobId") String jobId, @Context ContainerRequestContext context) {
        return service.delete(Caller.from(token), jobId, RequestIdFilter.requestId(context))
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/audit-log")
    @Operation(summary = "List recent job link changes of the caller's organisation, newest first")
    public Uni<List<AuditEntry>> auditLog(
            @QueryParam("limit") @Parameter(description = "Entries to return, 1 to 500",
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100")) String limitParam) {
        int limit;
        try {
            limit = QueryParams.boundedInt("limit", limitParam, DEFAULT_AUDIT_ENTRIES, 1, MAX_AUDIT_ENTRIES);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(e.getMessage());
        }
        return service.auditLog(Caller.from(token), limit);
    }
}
