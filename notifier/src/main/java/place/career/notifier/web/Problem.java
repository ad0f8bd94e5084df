package place.career.notifier.web;

import jakarta.ws.rs.core.Response;

import java.util.UUID;
import place.career.http.ProblemTypes;

/**
 * An RFC 9457 problem details body, the shape of every error response of this service.
 *
 * @param type a URI that names the problem type
 * @param title a short summary of the problem type
 * @param status the HTTP status code
 * @param detail what went wrong in this request
 * @param requestId an id to quote when reporting the problem, also in the {@code X-Request-Id}
 *     header and in the log line of a failure
 */
public record Problem(String type, String title, int status, String detail, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Prefix of the problem type URIs, the same in every career.place service. */
    public static final String TYPE_PREFIX = ProblemTypes.PREFIX;

    /** Response header that carries the request id. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** Builds an error response with a fresh request id. */
    public static Response response(int status, String slug, String title, String detail) {
        return builder(status, slug, title, detail, UUID.randomUUID().toString()).build();
    }

    /** Starts an error response, so that the caller can add headers such as {@code Allow}. */
    static Response.ResponseBuilder builder(
            int status, String slug, String title, String detail, String requestId) {
        Problem problem = new Problem(TYPE_PREFIX + slug, title, status, detail, requestId);
        return Response.status(status)
                .type(MEDIA_TYPE)
                .header(REQUEST_ID_HEADER, requestId)
                .entity(problem);
    }
}
