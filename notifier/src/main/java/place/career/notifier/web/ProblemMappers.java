package place.career.notifier.web;

import io.quarkus.logging.Log;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Set;
import java.util.UUID;
import place.career.http.AllowedMethods;

/**
 * Turns the framework's routing errors and unexpected failures of the web endpoints into problem
 * details bodies, with the same types and wording as the other career.place services.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException error, ContainerRequestContext request) {
        Set<String> allowed = AllowedMethods.forRejected(error, request);
        String detail = AllowedMethods.detail(request.getMethod(), allowed);
        Response.ResponseBuilder response =
                Problem.builder(405, "method-not-allowed", "Method not allowed", detail, newRequestId());
        if (!allowed.isEmpty()) {
            response.header(HttpHeaders.ALLOW, String.join(", ", allowed));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException error, ContainerRequestContext request) {
        return Problem.response(
                404,
                "not-found",
                "Not found",
                "No resource at "
                        + request.getMethod()
                        + " "
                        + request.getUriInfo().getPath()
                        + ". Unsubscribe links have the form /api/unsubscribe/{token}.");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException error, ContainerRequestContext request) {
        Response.StatusType status = error.getResponse().getStatusInfo();
        String requestId = newRequestId();
        if (status.getStatusCode() >= 500) {
            Log.errorf(error, "Request failed requestId=%s", requestId);
        }
        String detail =
                "The request was rejected: "
                        + status.getReasonPhrase()
                        + " for "
                        + request.getMethod()
                        + " "
                        + request.getUriInfo().getPath()
                        + ".";
        return Problem.builder(
                        status.getStatusCode(),
                        "http-" + status.getStatusCode(),
                        status.getReasonPhrase(),
                        detail,
                        requestId)
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException error) {
        String requestId = newRequestId();
        Log.errorf(error, "Request failed unexpectedly requestId=%s", requestId);
        return Problem.builder(
                        500,
                        "internal-error",
                        "Internal error",
                        "The request failed on the server; report request id " + requestId + ".",
                        requestId)
                .build();
    }

    private static String newRequestId() {
        return UUID.randomUUID().toString();
    }
}
