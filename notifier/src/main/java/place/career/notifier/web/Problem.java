package place.career.notifier.web;

import jakarta.ws.rs.core.Response;

import java.util.UUID;

/**
 * An RFC 9457 problem details body, the shape of every error response of this service.
 *
 * @param type a URI that names the problem type
 * @param title a short summary of the problem type
 * @param status the HTTP status code
 * @param detail what went wrong in this request
 * @param requestId an id to quote when reporting the problem
 */
public record Problem(String type, String title, int status, String detail, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Builds an error response with a fresh request id. */
    public static Response response(Response.Status status, String type, String detail) {
        Problem problem =
                new Problem(
                        type,
                        status.getReasonPhrase(),
                        status.getStatusCode(),
                        detail,
                        UUID.randomUUID().toString());
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }
}
