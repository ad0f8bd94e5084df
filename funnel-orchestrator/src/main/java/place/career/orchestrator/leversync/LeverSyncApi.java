package place.career.orchestrator.leversync;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import place.career.orchestrator.http.Problem;
import place.career.orchestrator.http.RequestIdFilter;

/**
 * The part of lever-sync's setup API that the orchestrator calls. The method returns the raw
 * response, so that {@link PostingCheck} maps every status and failure itself.
 */
@Path("/api/setup/lever")
public interface LeverSyncApi {

    /**
     * Reads one posting of the Lever account connected to the token's organisation.
     *
     * @param authorization the admin's own {@code Authorization} header, which lever-sync verifies
     * @param requestId the orchestrator's request id, so that both services log the same id
     * @param postingId Lever's posting id
     */
    @GET
    @Path("/postings/{postingId}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    Uni<Response> posting(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(RequestIdFilter.HEADER) String requestId,
            @PathParam("postingId") String postingId);
}
