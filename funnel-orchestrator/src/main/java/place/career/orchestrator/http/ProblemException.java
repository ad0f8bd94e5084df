package place.career.orchestrator.http;

import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Thrown by request handling to respond with a problem details body, which {@link ProblemMappers} writes. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status of the response
     * @param type the problem type, a short slug such as {@code posting-already-linked}
     * @param title a short summary of the kind of problem
     * @param detail what went wrong with this request, also used as the exception message
     */
    public ProblemException(Response.Status status, String type, String title, String detail) {
        this(status.getStatusCode(), type, title, detail, null);
    }

    /**
     * Creates the exception with any status code, including those that {@link Response.Status}
     * lacks, such as 422.
     *
     * @param status the HTTP status code of the response
     * @param type the problem type, a short slug such as {@code unknown-posting}
     * @param title a short summary of the kind of problem
     * @param detail what went wrong with this request, also used as the exception message
     * @param retryAfter the delay sent in the {@code Retry-After} header, or null to send none
     */
    public ProblemException(int status, String type, String title, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    /** Creates a 400 for a request value that is missing or malformed. */
    public static ProblemException invalid(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }

    /** Creates a 404, also used for another organisation's data so that its existence does not leak. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, "not-found", "Not found", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** Returns the delay for the {@code Retry-After} header, or null when the response has none. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
