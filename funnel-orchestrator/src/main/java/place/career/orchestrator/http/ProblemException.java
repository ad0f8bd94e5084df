package place.career.orchestrator.http;

import jakarta.ws.rs.core.Response;

/** Thrown by request handling to respond with a problem details body, which {@link ProblemMappers} writes. */
public class ProblemException extends RuntimeException {

    private final Response.Status status;
    private final String type;
    private final String title;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status of the response
     * @param type the problem type, a short slug such as {@code posting-already-linked}
     * @param title a short summary of the kind of problem
     * @param detail what went wrong with this request, also used as the exception message
     */
    public ProblemException(Response.Status status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** Creates a 400 for a request value that is missing or malformed. */
    public static ProblemException invalid(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }

    /** Creates a 404, also used for another organisation's data so that its existence does not leak. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, "not-found", "Not found", detail);
    }

    public Response.Status status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
