package place.career.orchestrator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every error into a problem details response, so clients see one error shape. Messages name
 * the failed check and never echo the request body or a token.
 */
public class ProblemMappers {

    /** Prefix of the problem type URIs. */
    static final String TYPE_PREFIX = "urn:career-place:problem:";

    @ServerExceptionMapper
    public Response mapProblem(ProblemException problem, ContainerRequestContext request) {
        return respond(request, problem.status().getStatusCode(), problem.type(), problem.title(),
                problem.getMessage());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response mapUnauthenticated(RuntimeException failure, ContainerRequestContext request) {
        Log.debugf("Rejected unauthenticated request requestId=%s: %s",
                RequestIdFilter.requestId(request), failure.getClass().getSimpleName());
        Response response = respond(request, 401, "unauthenticated", "Authentication required",
                "Send a valid bearer token from the career.place identity provider.");
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response mapForbidden(ForbiddenException failure, ContainerRequestContext request) {
        return respond(request, 403, "forbidden", "Forbidden",
                "This API is for organisation admins: the token must list 'org-admin' in its groups.");
    }

    @ServerExceptionMapper
    public Response mapUnreadableBody(JsonProcessingException failure, ContainerRequestContext request) {
        return respond(request, 400, "invalid-request", "Invalid request",
                "Request body is not valid JSON of the expected shape.");
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException failure, ContainerRequestContext request) {
        Response.StatusType status = failure.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            Log.errorf(failure, "Request failed requestId=%s", RequestIdFilter.requestId(request));
        }
        return respond(request, status.getStatusCode(), "http-" + status.getStatusCode(), status.getReasonPhrase(),
                status.getReasonPhrase() + " for " + request.getMethod() + " " + request.getUriInfo().getPath());
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response mapUnexpected(Exception failure, ContainerRequestContext request) {
        String requestId = RequestIdFilter.requestId(request);
        Log.errorf(failure, "Request failed unexpectedly requestId=%s", requestId);
        return respond(request, 500, "internal-error", "Internal error",
                "The request failed on the server; report request id " + requestId + ".");
    }

    private static Response respond(
            ContainerRequestContext request, int status, String type, String title, String detail) {
        Problem problem = new Problem(TYPE_PREFIX + type, title, status, detail, RequestIdFilter.requestId(request));
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
