package place.career.ingress.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import place.career.ingress.IngressConfig;
import place.career.ingress.problem.Problem;
import place.career.ingress.problem.RequestIds;

/**
 * Rejects a webhook request whose {@code Content-Length} exceeds the limit before its body is read,
 * with the same problem details body as every other rejection. Without it, a body over the HTTP
 * server's own limit would get the server's 413 without a body.
 *
 * <p>NOTE: a chunked body has no length to check here. Up to the HTTP server's limit (1 MiB) the
 * resource rejects it with the problem body. Above that the REST layer returns 413 without a body
 * while reading, and reading the body in this route first makes the REST layer fail.
 */
@ApplicationScoped
public class BodySizeGuard {

    /** Runs before Quarkus's own body-size check, which the framework registers at order -2. */
    private static final int ROUTE_ORDER = -3;

    private static final LogThrottle LOG = new LogThrottle(20);

    @Inject IngressConfig config;

    @Inject DeliveryMetrics metrics;

    @Inject ObjectMapper objectMapper;

    void register(@Observes Router router) {
        router.route(LeverWebhookResource.PATH + "*").order(ROUTE_ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        long declaredLength = declaredLength(context);
        if (declaredLength <= config.maxBodyBytes()) {
            context.next();
            return;
        }
        String requestId = RequestIds.next();
        metrics.countRejected(Rejection.PAYLOAD_TOO_LARGE, null);
        if (LOG.admit(Rejection.PAYLOAD_TOO_LARGE.slug(), System.currentTimeMillis()) >= 0) {
            Log.warnf(
                    "Rejected requestId=%s reason=%s: Content-Length %d is over the limit of %d",
                    requestId,
                    Rejection.PAYLOAD_TOO_LARGE.slug(),
                    declaredLength,
                    config.maxBodyBytes());
        }
        Problem problem =
                new Problem(
                        Problem.TYPE_PREFIX + Rejection.PAYLOAD_TOO_LARGE.slug(),
                        Rejection.PAYLOAD_TOO_LARGE.title(),
                        413,
                        "Content-Length is "
                                + declaredLength
                                + " bytes, but the maximum is "
                                + config.maxBodyBytes()
                                + ". Lever's envelopes are far smaller, so this is"
                                + " unlikely to be a Lever webhook.",
                        requestId);
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId)
                // The body is left unread, so the connection cannot be reused.
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(toJson(problem));
    }

    /** Returns the declared body length, or -1 when the header is absent or not a number. */
    private static long declaredLength(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String toJson(Problem problem) {
        try {
            return objectMapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record always serializes", e);
        }
    }
}
