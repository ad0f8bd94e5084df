package place.career.orchestrator.http;

/**
 * The body of every error response, in the RFC 9457 problem details format
 * ({@code application/problem+json}).
 *
 * @param type a URI reference that names the kind of problem
 * @param title a short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong with this request and how to fix it
 * @param requestId the request id, also in the {@code X-Request-Id} response header, for support
 */
public record Problem(String type, String title, int status, String detail, String requestId) {

    /** Media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
