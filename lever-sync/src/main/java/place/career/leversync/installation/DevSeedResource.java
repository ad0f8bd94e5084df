package place.career.leversync.installation;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import place.career.leversync.LeverSyncConfig;
import place.career.leversync.common.ProblemException;

/**
 * Development seed for installations until the OAuth connect flow exists. It returns 404 unless
 * {@code leversync.setup.dev-seed-enabled=true}, because it takes Lever tokens in plain text and
 * has no authentication.
 */
@Path("/api/setup/dev/installations")
public class DevSeedResource {

    private static final long DEFAULT_EXPIRES_IN_SECONDS = 3600;

    private final LeverSyncConfig config;
    private final InstallationService service;
    private final InstallationRepository repository;

    DevSeedResource(LeverSyncConfig config, InstallationService service, InstallationRepository repository) {
        this.config = config;
        this.service = service;
        this.repository = repository;
    }

    /** Creates or replaces an installation and returns 201 with its id and status. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> seed(SeedRequest request) {
        if (!config.setup().devSeedEnabled()) {
            throw ProblemException.notFound("No resource at this path");
        }
        validate(request);
        return resolveId(request)
                .chain(id -> service.connect(new InstallationService.ConnectRequest(
                        id,
                        request.organizationId(),
                        request.leverAccountId(),
                        request.accessToken(),
                        request.refreshToken(),
                        request.expiresIn() == null ? DEFAULT_EXPIRES_IN_SECONDS : request.expiresIn(),
                        request.performAs(),
                        request.qualifiedStageId(),
                        request.signingToken())))
                .map(installation -> Response.status(Response.Status.CREATED)
                        .entity(new SeedResponse(installation.id(), installation.status().name()))
                        .build());
    }

    private Uni<String> resolveId(SeedRequest request) {
        return repository.findByAccount(request.organizationId(), request.leverAccountId()).map(existing -> {
            if (existing == null) {
                return request.installationId() == null ? UUID.randomUUID().toString() : request.installationId();
            }
            if (request.installationId() != null && !request.installationId().equals(existing.id())) {
                throw new ProblemException(409, "Conflict", "Lever account " + request.leverAccountId()
                        + " of organisation " + request.organizationId() + " already belongs to installation "
                        + existing.id() + "; seed that id or leave installationId out");
            }
            return existing.id();
        });
    }

    private static void validate(SeedRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("Request body is missing; send a JSON object");
        }
        List<String> missing = new ArrayList<>();
        requireText(request.organizationId(), "organizationId", missing);
        requireText(request.leverAccountId(), "leverAccountId", missing);
        requireText(request.accessToken(), "accessToken", missing);
        requireText(request.performAs(), "performAs", missing);
        requireText(request.qualifiedStageId(), "qualifiedStageId", missing);
        requireText(request.signingToken(), "signingToken", missing);
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("Missing or empty fields: " + String.join(", ", missing));
        }
        if (request.expiresIn() != null && request.expiresIn() <= 0) {
            throw ProblemException.badRequest("expiresIn must be a positive number of seconds, got "
                    + request.expiresIn());
        }
        if (request.installationId() != null && !request.installationId().matches("[A-Za-z0-9._-]{1,100}")) {
            throw ProblemException.badRequest("installationId may contain only letters, digits and . _ -"
                    + " (1 to 100 characters)");
        }
    }

    private static void requireText(String value, String name, List<String> missing) {
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }

    /** Body of the seed request; tokens in plain text. */
    public record SeedRequest(
            String installationId,
            String organizationId,
            String leverAccountId,
            String accessToken,
            String refreshToken,
            Long expiresIn,
            String performAs,
            String qualifiedStageId,
            String signingToken) {

        /** Prints ids only. */
        @Override
        public String toString() {
            return "SeedRequest[installationId=" + installationId + ", organizationId=" + organizationId + "]";
        }
    }

    /** Body of the seed response. */
    public record SeedResponse(String installationId, String status) {}
}
