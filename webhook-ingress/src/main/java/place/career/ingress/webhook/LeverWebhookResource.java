package place.career.ingress.webhook;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import place.career.ingress.IngressConfig;
import place.career.ingress.problem.Problem;
import place.career.ingress.problem.RequestIds;

import java.time.Clock;

/**
 * The URLs Lever posts webhooks to. The shared URL finds the installation by signature, and the
 * per-installation URL checks one installation's keys only. Both return 2xx only after the delivery
 * is durably on the webhook topic or was accepted before, and never redirect, because Lever counts
 * a 3xx as a failure.
 */
@Path(LeverWebhookResource.PATH)
public class LeverWebhookResource {

    /** The URL Lever admins paste into Lever's webhook settings. */
    public static final String PATH = "/api/integrations/lever/webhooks/application";

    private static final LogThrottle REJECTION_LOG = new LogThrottle(20);

    @Inject WebhookService service;

    @Inject DeliveryMetrics metrics;

    @Inject IngressConfig config;

    @Inject Clock clock;

    /** Receives a delivery on the shared URL. */
    @POST
    public Uni<Response> receive(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return handle(contentType, body, null);
    }

    /** Receives a delivery for one installation. */
    @POST
    @Path("{installationId}")
    public Uni<Response> receiveForInstallation(
            @PathParam("installationId") String installationId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        return handle(contentType, body, installationId);
    }

    private Uni<Response> handle(String contentType, byte[] body, String pathInstallationId) {
        String requestId = RequestIds.next();
        WebhookEnvelope[] parsed = new WebhookEnvelope[1];
        return Uni.createFrom()
                .deferred(
                        () -> {
                            checkBody(contentType, body);
                            parsed[0] = EnvelopeParser.parse(body);
                            return service.receive(parsed[0], pathInstallationId);
                        })
                .map(outcome -> acknowledge(outcome, parsed[0], requestId))
                .onFailure(WebhookRejectedException.class)
                .recoverWithItem(
                        failure ->
                                reject((WebhookRejectedException) failure, parsed[0], requestId));
    }

    private void checkBody(String contentType, byte[] body) {
        if (body != null && body.length > config.maxBodyBytes()) {
            throw new WebhookRejectedException(
                    Rejection.PAYLOAD_TOO_LARGE,
                    "The body has "
                            + body.length
                            + " bytes, but the maximum is "
                            + config.maxBodyBytes()
                            + ". Lever's envelopes are far"
                            + " smaller, so this is unlikely to be a Lever webhook.");
        }
        ContentTypes.requireJson(contentType);
    }

    private Response acknowledge(
            DeliveryOutcome outcome, WebhookEnvelope envelope, String requestId) {
        metrics.countAcknowledged(outcome, envelope.event());
        if (outcome == DeliveryOutcome.UNKNOWN_EVENT) {
            logThrottled(
                    Logger.Level.INFO,
                    "unknown-event",
                    "Acknowledged without publishing delivery=%s requestId=%s: event=%s is"
                            + " not a documented Lever event",
                    envelope.logReference(),
                    requestId,
                    LogSafe.text(envelope.event()));
        } else {
            Log.debugf(
                    "Acknowledged delivery=%s event=%s requestId=%s outcome=%s",
                    envelope.logReference(), envelope.event(), requestId, outcome.slug());
        }
        // Both values are known to need no JSON escaping: a fixed slug and a UUID. Writing the
        // body directly keeps a JSON serializer off the path every accepted delivery takes.
        String body =
                "{\"outcome\":\"" + outcome.slug() + "\",\"requestId\":\"" + requestId + "\"}";
        return Response.ok(body, MediaType.APPLICATION_JSON)
                .header(RequestIds.HEADER, requestId)
                .build();
    }

    private Response reject(
            WebhookRejectedException rejected, WebhookEnvelope envelope, String requestId) {
        Rejection rejection = rejected.rejection();
        String event = envelope == null ? null : envelope.event();
        metrics.countRejected(rejection, event);
        logRejection(rejected, envelope, requestId);

        Problem problem =
                new Problem(
                        Problem.TYPE_PREFIX + rejection.slug(),
                        rejection.title(),
                        rejection.status(),
                        rejected.getMessage(),
                        requestId);
        Response.ResponseBuilder response = problem.toResponse();
        if (rejection.isRetryable()) {
            response.header(HttpHeaders.RETRY_AFTER, config.retryAfter().toSeconds());
        }
        return response.build();
    }

    private void logRejection(
            WebhookRejectedException rejected, WebhookEnvelope envelope, String requestId) {
        Rejection rejection = rejected.rejection();
        String delivery = envelope == null ? "-" : envelope.logReference();
        // A JSON parser message may quote the body, so its detail stays out of the log.
        String detail =
                rejection == Rejection.MALFORMED_JSON
                        ? "body is not valid JSON"
                        : rejected.getMessage();
        if (rejection.isRetryable()) {
            Throwable cause = rejected.getCause();
            logThrottled(
                    Logger.Level.WARN,
                    rejection.slug(),
                    "Could not accept delivery=%s requestId=%s reason=%s: %s%s",
                    delivery,
                    requestId,
                    rejection.slug(),
                    detail,
                    cause == null ? "" : " (" + cause + ")");
        } else {
            logThrottled(
                    Logger.Level.WARN,
                    rejection.slug(),
                    "Rejected delivery=%s requestId=%s reason=%s: %s",
                    delivery,
                    requestId,
                    rejection.slug(),
                    detail);
        }
    }

    private void logThrottled(Logger.Level level, String key, String format, Object... arguments) {
        long suppressed = REJECTION_LOG.admit(key, clock.millis());
        if (suppressed < 0) {
            return;
        }
        Log.logf(level, format, arguments);
        if (suppressed > 0) {
            Log.logf(
                    level,
                    "Left out %d similar log lines with reason=%s in the previous minute",
                    suppressed,
                    key);
        }
    }
}
