package place.career.ingress.problem;

import jakarta.ws.rs.core.Response;

import place.career.http.ProblemTypes;

/**
 * An RFC 9457 problem details body, the shape of every error response of the service.
 *
 * @param type URI that identifies the kind of problem. Its last segment is stable and greppable
 * @param title short summary of the kind of problem, the same for every occurrence
 * @param status the HTTP status code
 * @param detail what was wrong with this request and what the sender can do about it
 * @param requestId id of the request, also in the {@code X-Request-Id} header and in our logs
 */
public record Problem(String type, String title, int status, String detail, String requestId) {

    /** Media type of problem details bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Prefix of every problem type URI of the service. */
    public static final String TYPE_PREFIX = ProblemTypes.PREFIX;

    /** Builds the response that carries this problem. */
    public Response.ResponseBuilder toResponse() {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .header(RequestIds.HEADER, requestId)
                .entity(this);
    }
}
