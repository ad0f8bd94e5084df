package place.career.leversync.lever;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The Lever Data API endpoints lever-sync uses, at {@code quarkus.rest-client.lever.url}. Each
 * method returns the raw response so that {@link LeverClient} can read status, headers and a
 * body whose shape Lever may extend at any time.
 */
@RegisterRestClient(configKey = "lever")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface LeverApi {

    @GET
    @Path("/opportunities/{opportunity}")
    Uni<Response> getOpportunity(
            @HeaderParam("Authorization") String authorization,
            @PathParam("opportunity") String opportunityId,
            @QueryParam("expand") String expand);

    @POST
    @Path("/opportunities/{opportunity}/addTags")
    Uni<Response> addTags(
            @HeaderParam("Authorization") String authorization,
            @PathParam("opportunity") String opportunityId,
            @QueryParam("perform_as") String performAs,
            TagsBody body);

    @POST
    @Path("/opportunities/{opportunity}/removeTags")
    Uni<Response> removeTags(
            @HeaderParam("Authorization") String authorization,
            @PathParam("opportunity") String opportunityId,
            @QueryParam("perform_as") String performAs,
            TagsBody body);

    @POST
    @Path("/opportunities/{opportunity}/notes")
    Uni<Response> addNote(
            @HeaderParam("Authorization") String authorization,
            @PathParam("opportunity") String opportunityId,
            @QueryParam("perform_as") String performAs,
            NoteBody body);

    @GET
    @Path("/opportunities/{opportunity}/notes")
    Uni<Response> listNotes(
            @HeaderParam("Authorization") String authorization,
            @PathParam("opportunity") String opportunityId,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") String offset);

    @PUT
    @Path("/opportunities/{opportunity}/stage")
    Uni<Response> changeStage(
            @HeaderParam("Authorization") String authorization,
            @PathParam("opportunity") String opportunityId,
            @QueryParam("perform_as") String performAs,
            StageBody body);

    @GET
    @Path("/stages")
    Uni<Response> listStages(
            @HeaderParam("Authorization") String authorization,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") String offset);

    @GET
    @Path("/postings")
    Uni<Response> listPostings(
            @HeaderParam("Authorization") String authorization,
            @QueryParam("state") String state,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") String offset);

    @GET
    @Path("/postings/{posting}")
    Uni<Response> getPosting(
            @HeaderParam("Authorization") String authorization,
            @PathParam("posting") String postingId);

    @GET
    @Path("/users/{user}")
    Uni<Response> getUser(
            @HeaderParam("Authorization") String authorization,
            @PathParam("user") String userId);

    /** Body of addTags and removeTags. */
    record TagsBody(List<String> tags) {}

    /** Body of a new note: plain text, not secret, no notification of followers. */
    record NoteBody(String value, boolean secret, boolean notifyFollowers) {}

    /** Body of a stage change. */
    record StageBody(String stage) {}
}
