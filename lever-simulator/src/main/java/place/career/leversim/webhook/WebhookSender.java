package place.career.leversim.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import place.career.leversim.http.Json;

/**
 * Posts webhook envelopes the way Lever does: JSON body, {@code User-Agent: Lever-Webhooks},
 * redirects not followed (Lever counts a 3xx as a failed delivery). Thread-safe.
 */
public final class WebhookSender {

    private final HttpClient client;
    private final Clock clock;
    private final Duration timeout;

    /** Creates a sender with the system clock and a 10 s timeout per request. */
    public WebhookSender() {
        this(Clock.systemUTC(), Duration.ofSeconds(10));
    }

    /** Creates a sender whose {@code triggeredAt} values come from {@code clock}. */
    public WebhookSender(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /**
     * Builds a signed envelope with a new random {@code id} (unless {@code includeId} is false),
     * a fresh 48-character {@code token} and {@code triggeredAt} = now. A null {@code
     * signingToken} gives an unsigned envelope, as Lever sends when no token is configured.
     */
    public WebhookEnvelope envelope(
            String signingToken, String event, Map<String, ?> data, boolean includeId) {
        return envelope(signingToken, event, data, includeId, clock.millis());
    }

    /** Builds a signed envelope with the given {@code triggeredAt} in epoch ms. */
    public WebhookEnvelope envelope(String signingToken, String event, Map<String, ?> data,
            boolean includeId, long triggeredAt) {
        String token = WebhookSigner.randomToken();
        String signature = signingToken == null
                ? null
                : WebhookSigner.sign(signingToken, token, triggeredAt);
        String id = includeId ? UUID.randomUUID().toString() : null;
        return new WebhookEnvelope(
                id, event, triggeredAt, token, signature, new LinkedHashMap<>(data));
    }

    /** Signs and posts a new envelope with an {@code id} and returns the HTTP status. */
    public int send(String url, String signingToken, String event, Map<String, ?> data) {
        return deliver(url, envelope(signingToken, event, data, true));
    }

    /** Signs and posts a new envelope, leaving {@code id} out when {@code includeId} is false. */
    public int send(String url, String signingToken, String event, Map<String, ?> data,
            boolean includeId) {
        return deliver(url, envelope(signingToken, event, data, includeId));
    }

    /**
     * Posts an envelope, for instance again to imitate a retry or a manual rerun, and returns the
     * HTTP status. Throws {@link UncheckedIOException} when the connection fails or times out.
     */
    public int deliver(String url, WebhookEnvelope envelope) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Lever-Webhooks")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(envelope.toJson())))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("Webhook delivery to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException("Webhook delivery to " + url + " was interrupted",
                    new IOException(e));
        }
    }
}
