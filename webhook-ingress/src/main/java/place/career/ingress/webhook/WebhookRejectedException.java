package place.career.ingress.webhook;

/**
 * Thrown when a delivery is refused. The message is the problem's detail: it names the faulty value
 * and what to do about it, and never contains the token, the signature or personal data.
 */
public class WebhookRejectedException extends RuntimeException {

    private final Rejection rejection;

    public WebhookRejectedException(Rejection rejection, String detail) {
        super(detail, null, false, false);
        this.rejection = rejection;
    }

    public WebhookRejectedException(Rejection rejection, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.rejection = rejection;
    }

    /** Returns why the delivery was refused. */
    public Rejection rejection() {
        return rejection;
    }
}
