package place.career.leversim.http;

/**
 * Error that ends a request with Lever's error body {@code {"code": ..., "message": ...}}.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "Unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "ResourceNotFound", message);
    }

    /** Lever documents the 429 status but not its body or headers, so this body is a guess. */
    public static ApiException tooManyRequests() {
        return new ApiException(429, "TooManyRequests",
                "Rate limit exceeded for this Lever account, retry with exponential backoff");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Response toResponse() {
        return Response.error(status, code, getMessage());
    }

    /** Returns the Lever-style error code for an HTTP status, used for injected failures. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "ResourceNotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 422 -> "UnprocessableEntity";
            case 429 -> "TooManyRequests";
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeout";
            default -> status >= 500 ? "InternalServerError" : "Error";
        };
    }
}
