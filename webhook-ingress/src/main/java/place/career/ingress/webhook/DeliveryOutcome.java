package place.career.ingress.webhook;

/** Outcome of a delivery that Lever receives a 2xx for. */
public enum DeliveryOutcome {
    /** Published to the webhook topic for the funnel. */
    ACCEPTED("accepted"),
    /** Lever's "Verify Connection": published with {@code connectionCheck=true}. */
    CONNECTION_CHECK("connection-check"),
    /** Accepted before, so acknowledged again without publishing. */
    DUPLICATE("duplicate"),
    /** An event Lever documents that no funnel uses, such as interviewCreated: not published. */
    UNUSED_EVENT("unused-event"),
    /** An event name Lever does not document: not published. */
    UNKNOWN_EVENT("unknown-event");

    private final String slug;

    DeliveryOutcome(String slug) {
        this.slug = slug;
    }

    /** Returns the stable, lower-case name used in responses, metrics and logs. */
    public String slug() {
        return slug;
    }
}
