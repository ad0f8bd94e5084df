package place.career.orchestrator.timeline;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import place.career.orchestrator.http.Caller;
import place.career.orchestrator.http.ProblemException;
import place.career.orchestrator.timeline.TimelineRepository.FunnelHeader;

/** Developer view of one candidate's funnel: every transition and absorbed event, without personal data. */
@Path("/api/funnels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ORG_ADMIN)
@Tag(name = "Funnel timeline", description = "History of a candidate's funnel for troubleshooting")
@SecurityRequirement(name = "careerPlaceJwt")
public class TimelineResource {

    private final TimelineRepository repository;
    private final JsonWebToken token;

    TimelineResource(TimelineRepository repository, JsonWebToken token) {
        this.repository = repository;
        this.token = token;
    }

    @GET
    @Path("/{funnelId}/timeline")
    @Operation(summary = "Timeline of a funnel by its id")
    @APIResponse(responseCode = "200", description = "The funnel and its history")
    @APIResponse(responseCode = "404", description = "No funnel with this id in the caller's organisation")
    public Uni<Timeline> byId(@PathParam("funnelId") String funnelId) {
        Caller caller = Caller.from(token);
        UUID id = parseFunnelId(funnelId);
        return repository.findById(id)
                .map(header -> visibleTo(caller, header, "Funnel '" + funnelId + "' was not found."))
                .flatMap(this::withEntries);
    }

    @GET
    @Path("/timeline")
    @Operation(summary = "Timeline of the funnel of a Lever opportunity",
            description = "When the opportunity has no funnel, the 404 detail gives the reason its "
                    + "applications started none, for example an unlinked posting.")
    @APIResponse(responseCode = "200", description = "The funnel and its history")
    @APIResponse(responseCode = "404", description = "The opportunity has no funnel in the caller's organisation")
    public Uni<Timeline> byOpportunity(
            @QueryParam("installationId") String installationId, @QueryParam("opportunityId") String opportunityId) {
        Caller caller = Caller.from(token);
        if (installationId == null || installationId.isBlank() || opportunityId == null || opportunityId.isBlank()) {
            throw ProblemException.invalid("Query parameters 'installationId' and 'opportunityId' are required.");
        }
        return repository.findByOpportunity(installationId, opportunityId).flatMap(header -> {
            if (header == null) {
                return notFoundWithSkips(caller, installationId, opportunityId);
            }
            String missing = "Opportunity '" + opportunityId + "' has no funnel.";
            return withEntries(visibleTo(caller, header, missing));
        });
    }

    private Uni<Timeline> withEntries(FunnelHeader header) {
        Timeline base = header.timeline();
        return repository.entries(UUID.fromString(base.funnelId())).map(entries -> new Timeline(base.funnelId(),
                base.installationId(), base.opportunityId(), base.jobId(), base.status(), base.version(),
                base.createdAt(), base.erasedAt(), entries));
    }

    /** Fails with a 404 whose detail gives the reason the opportunity's applications started no funnel. */
    private Uni<Timeline> notFoundWithSkips(Caller caller, String installationId, String opportunityId) {
        return repository.skippedApplications(caller.organizationId(), installationId, opportunityId).map(skips -> {
            String detail = "Opportunity '" + opportunityId + "' has no funnel.";
            throw ProblemException.notFound(skips.isEmpty() ? detail : detail + " Skipped: " + String.join("; ", skips));
        });
    }

    private static FunnelHeader visibleTo(Caller caller, FunnelHeader header, String notFoundDetail) {
        if (header == null || !caller.organizationId().equals(header.organizationId())) {
            throw ProblemException.notFound(notFoundDetail);
        }
        return header;
    }

    private static UUID parseFunnelId(String funnelId) {
        try {
            return UUID.fromString(funnelId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Funnel '" + funnelId + "' was not found.");
        }
    }
}
