package place.career.leversync.common;

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
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import place.career.http.AllowedMethods;
import place.career.http.JsonBodyProblems;
import place.career.http.ProblemTypes;

/**
 * Turns exceptions of the HTTP API into problem details, so clients see one error shape. Details
 * name the failed check and never echo the request body or a token.
 */
public class ProblemMappers {

    /** Prefix of the problem type URIs, the same in every career.place service. */
    static final String TYPE_PREFIX = ProblemTypes.PREFIX;

    private static final String REQUEST_ID_HEADER = "X-Request-Id";

    @ServerExceptionMapper
    public Response problem(ProblemException error, HttpHeaders headers) {
        return respond(error.status(), error.slug(), error.title(), error.getMessage(), requestId(headers));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException error, HttpHeaders headers) {
        Response response = respond(401, "unauthenticated", "Authentication required",
                "Send a valid bearer token from the career.place identity provider.", requestId(headers));
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException error, HttpHeaders headers) {
        return respond(403, "forbidden", "Forbidden", "Only organisation admins may use this API: the token's"
                + " groups must contain 'org-admin'.", requestId(headers));
    }

    /** Maps a body whose JSON is valid but does not fit the request type, which Jackson throws as is. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException error, HttpHeaders headers, ResourceInfo resource) {
        return invalidField(error, resource, requestId(headers));
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException error, HttpHeaders headers, ResourceInfo resource) {
        return unreadableBody(error, resource, requestId(headers));
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException error, ContainerRequestContext request) {
        Set<String> allowed = AllowedMethods.forRejected(error, request);
        String detail = AllowedMethods.detail(request.getMethod(), allowed);
        Response response = respond(405, "method-not-allowed", "Method not allowed", detail,
                requestId(request.getHeaderString(REQUEST_ID_HEADER)));
        if (allowed.isEmpty()) {
            return response;
        }
        return Response.fromResponse(response).header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException error, HttpHeaders headers) {
        return respond(415, "unsupported-media-type", "Unsupported content type",
                describeContentType(headers.getMediaType())
                        + " This endpoint reads JSON. Send Content-Type: application/json.",
                requestId(headers));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException error, ContainerRequestContext request) {
        return respond(404, "not-found", "Not found",
                "No resource at " + request.getMethod() + " " + request.getUriInfo().getPath()
                        + ". Check the URL against the OpenAPI document of the service.",
                requestId(request.getHeaderString(REQUEST_ID_HEADER)));
    }

    @ServerExceptionMapper
    public Response webApplication(
            WebApplicationException error, ContainerRequestContext request, ResourceInfo resource) {
        String requestId = requestId(request.getHeaderString(REQUEST_ID_HEADER));
        // Jackson's parse errors reach here wrapped in a 400, so the body problem is in the cause.
        if (error.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable, resource, requestId);
        }
        Response.StatusType status = error.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            Log.errorf(error, "Request failed requestId=%s", requestId);
        }
        return respond(status.getStatusCode(), ProblemException.defaultSlug(status.getStatusCode()),
                status.getReasonPhrase(), "The request was rejected: " + status.getReasonPhrase() + " for "
                        + request.getMethod() + " " + request.getUriInfo().getPath() + ".", requestId);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException error, HttpHeaders headers) {
        return internalError(error, requestId(headers));
    }

    private static Response unreadableBody(JsonProcessingException error, ResourceInfo resource, String requestId) {
        if (error instanceof InvalidDefinitionException) {
            // The request type cannot be built from any JSON, which is a fault of the service.
            return internalError(error, requestId);
        }
        if (error instanceof JsonMappingException mapping) {
            return invalidField(mapping, resource, requestId);
        }
        return respond(400, "malformed-json", "Malformed JSON", JsonBodyProblems.malformedJson(error, resource),
                requestId);
    }

    private static Response invalidField(JsonMappingException error, ResourceInfo resource, String requestId) {
        return respond(400, "invalid-field", "Missing or invalid field", JsonBodyProblems.invalidField(error, resource),
                requestId);
    }

    private static Response internalError(Exception error, String requestId) {
        Log.errorf(error, "Request failed unexpectedly requestId=%s", requestId);
        return respond(500, "internal-error", "Internal error",
                "The request failed on the server; report request id " + requestId + ".", requestId);
    }

    /** Describes the request's content type without echoing parameters, which may contain anything. */
    private static String describeContentType(MediaType mediaType) {
        if (mediaType == null) {
            return "The Content-Type header is missing.";
        }
        return "Content-Type " + mediaType.getType() + "/" + mediaType.getSubtype() + " is not supported.";
    }

    private static Response respond(int status, String slug, String title, String detail, String requestId) {
        Problem body = new Problem(TYPE_PREFIX + slug, title, status, detail, requestId);
        return Response.status(status).type(Problem.MEDIA_TYPE).header(REQUEST_ID_HEADER, requestId)
                .entity(body).build();
    }

    private static String requestId(HttpHeaders headers) {
        return requestId(headers.getHeaderString(REQUEST_ID_HEADER));
    }

    /** Returns the caller's request id when it is a plain token, otherwise a new UUID. */
    private static String requestId(String header) {
        if (header != null && header.matches("[A-Za-z0-9._-]{1,64}")) {
            return header;
        }
        return UUID.randomUUID().toString();
    }
}
