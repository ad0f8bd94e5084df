package place.career.leversim.webhook;

import java.time.Instant;

/**
 * One attempt to deliver a subscribed webhook. {@code attempt} is 1 for the first try, {@code
 * status} is 0 when the connection failed or timed out, {@code envelopeId} may be null.
 */
public record WebhookDelivery(
        Instant time,
        String accountId,
        String event,
        String url,
        int attempt,
        int status,
        String envelopeId) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
