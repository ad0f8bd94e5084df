package place.career.ingress.webhook;

/**
 * Reasons for refusing a webhook delivery. Each reason has a fixed HTTP status, a problem type slug
 * and a title, and is the {@code reason} tag of the delivery counter.
 */
public enum Rejection {
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported content type"),
    MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
    INVALID_FIELD(400, "invalid-field", "Missing or invalid field"),
    SIGNATURE_MISSING(401, "signature-missing", "Signature missing"),
    SIGNATURE_MISMATCH(401, "signature-mismatch", "Signature mismatch"),
    UNKNOWN_INSTALLATION(404, "unknown-installation", "Unknown installation"),
    AMBIGUOUS_SIGNATURE(409, "ambiguous-signature", "Signature matches several installations"),
    STALE_DELIVERY(422, "stale-delivery", "Delivery too old"),
    FUTURE_DELIVERY(422, "future-delivery", "Delivery from the future"),
    INSTALLATIONS_LOADING(503, "installations-loading", "Installations still loading"),
    BROKER_UNAVAILABLE(503, "broker-unavailable", "Event broker unavailable"),
    DATABASE_UNAVAILABLE(503, "database-unavailable", "Database unavailable");

    private final int status;
    private final String slug;
    private final String title;

    Rejection(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** Returns the HTTP status code sent for this reason. */
    public int status() {
        return status;
    }

    /** Returns the stable, lower-case name used in problem types, metrics and logs. */
    public String slug() {
        return slug;
    }

    /** Returns the title of the problem details body. */
    public String title() {
        return title;
    }

    /**
     * Returns whether the sender should retry later because the fault is ours, not the request's.
     */
    public boolean isRetryable() {
        return status == 503;
    }
}
