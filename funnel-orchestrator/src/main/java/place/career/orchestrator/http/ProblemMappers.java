package place.career.orchestrator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import place.career.http.AllowedMethods;
import place.career.http.JsonBodyProblems;
import place.career.http.ProblemTypes;

/**
 * Turns every error into a problem details response, so clients see one error shape. Messages name
 * the failed check and never echo the request body or a token.
 */
public class ProblemMappers {

    /** Prefix of the problem type URIs, the same in every career.place service. */
    static final String TYPE_PREFIX = ProblemTypes.PREFIX;

    @ServerExceptionMapper
    public Response mapProblem(ProblemException problem, ContainerRequestContext request) {
        Response response = respond(request, problem.status(), problem.type(), problem.title(),
                problem.getMessage());
        if (problem.retryAfter() == null) {
            return response;
        }
        long seconds = Math.max(1, problem.retryAfter().toSeconds());
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, seconds).build();
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

    /** Maps a body whose JSON is valid but does not fit the request type, which Jackson throws as is. */
    @ServerExceptionMapper
    public Response mapMismatchedInput(
            MismatchedInputException failure, ContainerRequestContext request, ResourceInfo resource) {
        return invalidField(request, failure, resource);
    }

    @ServerExceptionMapper
    public Response mapUnreadableBody(
            JsonProcessingException failure, ContainerRequestContext request, ResourceInfo resource) {
        return unreadableBody(request, failure, resource);
    }

    @ServerExceptionMapper
    public Response mapMethodNotAllowed(NotAllowedException failure, ContainerRequestContext request) {
        Set<String> allowed = AllowedMethods.forRejected(failure, request);
        String detail = AllowedMethods.detail(request.getMethod(), allowed);
        Response response = respond(request, 405, "method-not-allowed", "Method not allowed", detail);
        if (allowed.isEmpty()) {
            return response;
        }
        return Response.fromResponse(response).header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
    }

    @ServerExceptionMapper
    public Response mapUnsupportedMediaType(NotSupportedException failure, ContainerRequestContext request) {
        return respond(request, 415, "unsupported-media-type", "Unsupported content type",
                describeContentType(request.getMediaType())
                        + " This endpoint reads JSON. Send Content-Type: application/json.");
    }

    @ServerExceptionMapper
    public Response mapNotFound(NotFoundException failure, ContainerRequestContext request) {
        return respond(request, 404, "not-found", "Not found",
                "No resource at " + request.getMethod() + " " + request.getUriInfo().getPath()
                        + ". Check the URL against the OpenAPI document of the service.");
    }

    @ServerExceptionMapper
    public Response mapWebApplication(
            WebApplicationException failure, ContainerRequestContext request, ResourceInfo resource) {
        // Jackson's parse errors reach here wrapped in a 400, so the body problem is in the cause.
        if (failure.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(request, unreadable, resource);
        }
        Response.StatusType status = failure.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            Log.errorf(failure, "Request failed requestId=%s", RequestIdFilter.requestId(request));
        }
        return respond(request, status.getStatusCode(), "http-" + status.getStatusCode(), status.getReasonPhrase(),
                "The request was rejected: " + status.getReasonPhrase() + " for " + request.getMethod() + " "
                        + request.getUriInfo().getPath() + ".");
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response mapUnexpected(Exception failure, ContainerRequestContext request) {
        String requestId = RequestIdFilter.requestId(request);
        Log.errorf(failure, "Request failed unexpectedly requestId=%s", requestId);
        return respond(request, 500, "internal-error", "Internal error",
                "The request failed on the server; report request id " + requestId + ".");
    }

    private static Response unreadableBody(
            ContainerRequestContext request, JsonProcessingException failure, ResourceInfo resource) {
        if (failure instanceof InvalidDefinitionException) {
            // The request type cannot be built from any JSON, which is a fault of the service.
            String requestId = RequestIdFilter.requestId(request);
            Log.errorf(failure, "Request body type is not readable requestId=%s", requestId);
            return respond(request, 500, "internal-error", "Internal error",
                    "The request failed on the server; report request id " + requestId + ".");
        }
        if (failure instanceof JsonMappingException mapping) {
            return invalidField(request, mapping, resource);
        }
        return respond(request, 400, "malformed-json", "Malformed JSON",
                JsonBodyProblems.malformedJson(failure, resource));
    }

    private static Response invalidField(
            ContainerRequestContext request, JsonMappingException failure, ResourceInfo resource) {
        return respond(request, 400, "invalid-field", "Missing or invalid field",
                JsonBodyProblems.invalidField(failure, resource));
    }

    /** Describes the request's content type without echoing parameters, which may contain anything. */
    private static String describeContentType(MediaType mediaType) {
        if (mediaType == null) {
            return "The Content-Type header is missing.";
        }
        return "Content-Type " + mediaType.getType() + "/" + mediaType.getSubtype() + " is not supported.";
    }

    private static Response respond(
            ContainerRequestContext request, int status, String type, String title, String detail) {
        Problem problem = new Problem(TYPE_PREFIX + type, title, status, detail, RequestIdFilter.requestId(request));
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
