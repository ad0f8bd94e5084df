package place.career.orchestrator.leversync;

import io.netty.channel.ConnectTimeoutException;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import place.career.http.Causes;
import place.career.http.ProblemTypes;
import place.career.orchestrator.config.OrchestratorConfig;
import place.career.orchestrator.http.ProblemException;

/**
 * Checks through lever-sync that a posting exists in the Lever account of the caller's
 * organisation. lever-sync makes the Lever call, because only it stores the OAuth tokens and
 * enforces the installation's rate limit.
 */
@ApplicationScoped
public class PostingCheck {

    /** Delay sent in {@code Retry-After} when the check could not be made. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final String POSTING_NOT_FOUND = ProblemTypes.PREFIX + "posting-not-found";
    private static final int MAX_DETAIL_LENGTH = 300;

    private final LeverSyncApi api;
    private final Duration timeout;

    PostingCheck(OrchestratorConfig config) {
        this.timeout = config.leverSync().timeout();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.leverSync().url())
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(LeverSyncApi.class);
    }

    /**
     * Completes when lever-sync finds the posting in the caller's Lever account.
     *
     * @param postingId Lever's posting id
     * @param authorization the caller's {@code Authorization} header, forwarded unchanged
     * @param requestId the request id, forwarded for the logs of both services
     * @throws ProblemException through the returned {@link Uni}: 422 {@code unknown-posting} when
     *     Lever has no such posting, 409 when lever-sync reports the connection revoked or
     *     disconnected, and 503 {@code posting-check-unavailable} with {@code Retry-After} when
     *     lever-sync is unreachable, times out, fails or returns an unexpected status
     */
    public Uni<Void> requireExisting(String postingId, String authorization, String requestId) {
        return api.posting(authorization, requestId, postingId)
                .ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("no response within " + timeout.toMillis() + " ms"))
                .onFailure(error -> !(error instanceof ProblemException))
                .transform(error -> transportFailure(postingId, requestId, error))
                .invoke(response -> checkStatus(response, postingId, requestId))
                .replaceWithVoid();
    }

    private ProblemException transportFailure(String postingId, String requestId, Throwable error) {
        // Vert.x reports a read timeout as a TimeoutException and Netty a connect timeout as a
        // ConnectTimeoutException, which is also a ConnectException.
        String reason;
        if (Causes.hasCause(error, TimeoutException.class) || Causes.hasCause(error, ConnectTimeoutException.class)) {
            reason = "lever-sync did not respond within " + timeout.toMillis() + " ms";
        } else if (Causes.hasCause(error, ConnectException.class)) {
            reason = "lever-sync refused the connection";
        } else {
            reason = "the connection to lever-sync failed";
        }
        Log.warnf("Posting check in lever-sync failed postingId=%s requestId=%s error=%s", postingId, requestId,
                Causes.rootDescription(error));
        return unavailable(postingId, reason);
    }

    private static void checkStatus(Response response, String postingId, String requestId) {
        int status = response.getStatus();
        if (status >= 200 && status < 300) {
            return;
        }
        JsonObject problem = problemBody(response);
        if (status == 404 && POSTING_NOT_FOUND.equals(text(problem, "type"))) {
            Log.infof("Job link rejected: posting not found in Lever postingId=%s requestId=%s", postingId,
                    requestId);
            throw new ProblemException(422, "unknown-posting", "Unknown posting",
                    "Posting '" + postingId + "' was not found in the organisation's Lever account; pick a posting"
                            + " from lever-sync's GET /api/setup/lever/postings.", null);
        }
        if (status == 409) {
            Log.infof("Job link rejected: lever-sync reports the installation disconnected postingId=%s requestId=%s",
                    postingId, requestId);
            throw disconnected(problem);
        }
        Log.warnf("Posting check in lever-sync failed postingId=%s requestId=%s status=%d type=%s detail=%s",
                postingId, requestId, status, text(problem, "type"), text(problem, "detail"));
        throw unavailable(postingId, "lever-sync returned HTTP " + status);
    }

    /** Keeps lever-sync's type, title and detail, which name the connection and how to reconnect. */
    private static ProblemException disconnected(JsonObject problem) {
        String type = text(problem, "type");
        String title = text(problem, "title");
        String detail = text(problem, "detail");
        String slug = type != null && type.startsWith(ProblemTypes.PREFIX)
                ? type.substring(ProblemTypes.PREFIX.length())
                : "installation-disconnected";
        return new ProblemException(409, slug,
                title == null ? "Installation disconnected" : title,
                detail == null
                        ? "The Lever connection is revoked or disconnected; reconnect Lever before linking jobs."
                        : truncate(detail),
                null);
    }

    private static ProblemException unavailable(String postingId, String reason) {
        return new ProblemException(503, "posting-check-unavailable", "Posting check unavailable",
                "Checking posting '" + postingId + "' in Lever failed because " + reason
                        + "; try again in a few seconds.", RETRY_AFTER);
    }

    /** Returns the response's problem details, or an empty object when the body is not a JSON object. */
    private static JsonObject problemBody(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        try {
            return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
        } catch (DecodeException notAnObject) {
            return new JsonObject();
        }
    }

    /** Returns a string member, or null when it is missing or not a string. */
    private static String text(JsonObject object, String key) {
        return object.getValue(key) instanceof String value ? value : null;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL_LENGTH ? text : text.substring(0, MAX_DETAIL_LENGTH) + "…";
    }
}
