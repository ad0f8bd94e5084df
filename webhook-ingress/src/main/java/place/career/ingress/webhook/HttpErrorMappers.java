package place.career.ingress.webhook;

import io.quarkus.logging.Log;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import place.career.ingress.problem.Problem;
import place.career.ingress.problem.RequestIds;

/**
 * Turns the framework's routing errors and unexpected failures into problem details bodies, so that
 * every error of the service has one shape.
 */
public class HttpErrorMappers {

    @Inject DeliveryMetrics metrics;

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException exception, UriInfo uri) {
        String requestId = RequestIds.next();
        if (uri.getPath().startsWith(LeverWebhookResource.PATH)) {
            metrics.countRejected(Rejection.METHOD_NOT_ALLOWED, null);
        }
        Log.debugf(
                "Rejected requestId=%s reason=%s path=%s",
                requestId, Rejection.METHOD_NOT_ALLOWED.slug(), LogSafe.text(uri.getPath()));
        Problem problem =
                problem(
                        Rejection.METHOD_NOT_ALLOWED,
                        "This URL accepts only POST, which is how Lever delivers webhooks.",
                        requestId);
        return problem.toResponse().header(HttpHeaders.ALLOW, "POST").build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException exception, UriInfo uri) {
        String requestId = RequestIds.next();
        Problem problem =
                new Problem(
                        Problem.TYPE_PREFIX + "not-found",
                        "Not found",
                        404,
                        "No resource at "
                                + LogSafe.text(uri.getPath())
                                + ". Lever webhooks go to "
                                + LeverWebhookResource.PATH
                                + ".",
                        requestId);
        return problem.toResponse().build();
    }

    @ServerExceptionMapper
    public Response otherHttpError(WebApplicationException exception) {
        String requestId = RequestIds.next();
        Response.StatusType status = exception.getResponse().getStatusInfo();
        Problem problem =
                new Problem(
                        Problem.TYPE_PREFIX + "http-" + status.getStatusCode(),
                        status.getReasonPhrase(),
                        status.getStatusCode(),
                        "The request was refused: " + status.getReasonPhrase() + ".",
                        requestId);
        return problem.toResponse().build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException exception) {
        String requestId = RequestIds.next();
        Log.errorf(exception, "Request requestId=%s failed unexpectedly", requestId);
        Problem problem =
                new Problem(
                        Problem.TYPE_PREFIX + "internal-error",
                        "Internal error",
                        500,
                        "The request failed because of an error in the service. The error was"
                                + " logged with this request id.",
                        requestId);
        return problem.toResponse().build();
    }

    private static Problem problem(Rejection rejection, String detail, String requestId) {
        return new Problem(
                Problem.TYPE_PREFIX + rejection.slug(),
                rejection.title(),
                rejection.status(),
                detail,
                requestId);
    }
}
