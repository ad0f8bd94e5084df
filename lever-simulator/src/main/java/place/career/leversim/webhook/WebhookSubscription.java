package place.career.leversim.webhook;

/** Webhook configured in a Lever account: where one event type goes and how it is signed. */
public record WebhookSubscription(String accountId, String event, String url, String signingToken) {

    @Override
    public String toString() {
        return "WebhookSubscription[accountId=" + accountId + ", event=" + event + ", url=" + url
                + "]";
    }
}
