package place.career.http;

/** Problem type URIs (RFC 9457) shared by the career.place services. */
public final class ProblemTypes {

    /** Prefix of every problem type, followed by the slug of the problem. */
    public static final String PREFIX = "https://career.place/problems/";

    private ProblemTypes() {}
}
