package place.career.leversync.common;

/**
 * Body of every error response (RFC 9457 problem details) with the id of the request, which the
 * logs carry too.
 */
public record Problem(String type, String title, int status, String detail, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
