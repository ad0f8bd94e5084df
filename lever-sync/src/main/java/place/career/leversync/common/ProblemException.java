package place.career.leversync.common;

/**
 * An HTTP error that the API returns as {@code application/problem+json}. The detail goes to the
 * caller, so it must never contain a secret or personal data.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status of the response
     * @param slug the last segment of the problem type URI, such as {@code installation-disconnected}
     * @param title a short summary of the kind of problem, the same for every occurrence
     * @param detail what went wrong with this request, also used as the exception message
     */
    public ProblemException(int status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** Creates the exception with the slug that {@link #defaultSlug(int)} gives for the status. */
    public ProblemException(int status, String title, String detail) {
        this(status, defaultSlug(status), title, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "invalid-request", "Invalid request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    /** Returns the slug of a problem that has no more specific one than its status. */
    public static String defaultSlug(int status) {
        return switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 500 -> "internal-error";
            default -> "http-" + status;
        };
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
