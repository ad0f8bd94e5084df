package place.career.leversync.lever;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import place.career.events.EventJson;
import place.career.http.Causes;
import place.career.leversync.installation.AccessTokens;
import place.career.leversync.installation.InstallationRevokedException;

/**
 * Typed Lever Data API calls for one installation at a time.
 *
 * <p>Every call first takes a permit from the installation's rate limiter, sends the bearer
 * token, and on 401 refreshes the token once and repeats. A second 401 means the grant is gone
 * ({@link InstallationRevokedException}). Writes carry {@code perform_as}. Other failures surface
 * as {@link LeverCallException}. This class never retries on its own, so the caller decides,
 * based on what the failed call may have changed in Lever.
 */
@ApplicationScoped
public class LeverClient {

    /** Largest page Lever serves. */
    private static final int PAGE_SIZE = 100;
    /** Pause after a 429 that carried no Retry-After header. */
    private static final Duration DEFAULT_RATE_LIMIT_PAUSE = Duration.ofSeconds(1);
    private static final int MAX_DETAIL_LENGTH = 200;

    private final LeverApi api;
    private final AccessTokens tokens;
    private final MeterRegistry registry;

    LeverClient(@RestClient LeverApi api, AccessTokens tokens, MeterRegistry registry) {
        this.api = api;
        this.tokens = tokens;
        this.registry = registry;
    }

    /** Reads an opportunity, with its applications expanded when asked. */
    public Uni<LeverOpportunity> getOpportunity(LeverSession session, String opportunityId,
            boolean withApplications) {
        String expand = withApplications ? "applications" : null;
        return call(session, "getOpportunity", auth -> api.getOpportunity(auth, opportunityId, expand))
                .map(json -> LeverOpportunity.fromJson(json.path("data")));
    }

    /** Adds tags and returns the opportunity from Lever's response, or null if it contained none. */
    public Uni<LeverOpportunity> addTags(LeverSession session, String opportunityId, List<String> tags) {
        LeverApi.TagsBody body = new LeverApi.TagsBody(tags);
        return call(session, "addTags", auth -> api.addTags(auth, opportunityId, session.performAs(), body))
                .map(LeverClient::opportunityOrNull);
    }

    /** Removes tags and returns the opportunity from Lever's response, or null if it contained none. */
    public Uni<LeverOpportunity> removeTags(LeverSession session, String opportunityId, List<String> tags) {
        LeverApi.TagsBody body = new LeverApi.TagsBody(tags);
        return call(session, "removeTags", auth -> api.removeTags(auth, opportunityId, session.performAs(), body))
                .map(LeverClient::opportunityOrNull);
    }

    /** Adds a plain-text note and returns Lever's id of it (null if Lever returned none). */
    public Uni<String> addNote(LeverSession session, String opportunityId, String text) {
        LeverApi.NoteBody body = new LeverApi.NoteBody(text, false, false);
        return call(session, "addNote", auth -> api.addNote(auth, opportunityId, session.performAs(), body))
                .map(json -> LeverNote.fromJson(json.path("data")).id());
    }

    /** Reads every note of an opportunity, following Lever's {@code next} tokens. */
    public Uni<List<LeverNote>> listNotes(LeverSession session, String opportunityId) {
        return listNotesFrom(session, opportunityId, null, new ArrayList<>());
    }

    /** Moves the opportunity to a stage and returns it from Lever's response, or null. */
    public Uni<LeverOpportunity> changeStage(LeverSession session, String opportunityId, String stageId) {
        LeverApi.StageBody body = new LeverApi.StageBody(stageId);
        return call(session, "changeStage", auth -> api.changeStage(auth, opportunityId, session.performAs(), body))
                .map(LeverClient::opportunityOrNull);
    }

    /** Reads every stage of the account's pipeline, following Lever's {@code next} tokens. */
    public Uni<List<LeverStage>> listStages(LeverSession session) {
        return listAll(session, "listStages", offset -> auth -> api.listStages(auth, PAGE_SIZE, offset),
                LeverStage::fromJson);
    }

    /**
     * Reads every posting, following Lever's {@code next} tokens; {@code state} (published,
     * internal, closed, draft, pending or rejected) filters when not null.
     */
    public Uni<List<LeverPosting>> listPostings(LeverSession session, String state) {
        return listAll(session, "listPostings", offset -> auth -> api.listPostings(auth, state, PAGE_SIZE, offset),
                LeverPosting::fromJson);
    }

    /**
     * Reads one posting. A posting id that the account does not have fails with status 404. The
     * Lever simulator also returns 403 for a confidential posting, because the integration does not
     * request confidential access.
     */
    public Uni<LeverPosting> getPosting(LeverSession session, String postingId) {
        return call(session, "getPosting", auth -> api.getPosting(auth, postingId))
                .map(json -> LeverPosting.fromJson(json.path("data")));
    }

    /**
     * Reads a user with an access token that is not stored yet, such as the one the OAuth callback
     * just received. There is no refresh on 401 and no rate limiter: the callback makes one call.
     */
    public Uni<LeverUser> getUser(String accessToken, String userId) {
        return send("getUser", auth -> api.getUser(auth, userId), accessToken)
                .map(raw -> {
                    if (raw.status() < 200 || raw.status() >= 300) {
                        return failWith(failure("getUser", raw));
                    }
                    return parse(raw.body());
                })
                .map(json -> LeverUser.fromJson(json.path("data")));
    }

    private <T> Uni<List<T>> listAll(LeverSession session, String endpoint,
            Function<String, Function<String, Uni<Response>>> page, Function<JsonNode, T> reader) {
        return listFrom(session, endpoint, page, reader, null, new ArrayList<>());
    }

    private <T> Uni<List<T>> listFrom(LeverSession session, String endpoint,
            Function<String, Function<String, Uni<Response>>> page, Function<JsonNode, T> reader, String offset,
            List<T> collected) {
        return call(session, endpoint, page.apply(offset)).chain(json -> {
            json.path("data").forEach(item -> collected.add(reader.apply(item)));
            String next = json.path("next").asText(null);
            if (!json.path("hasNext").asBoolean(false) || next == null || next.isEmpty()) {
                return Uni.createFrom().item(collected);
            }
            if (next.equals(offset)) {
                return Uni.createFrom().failure(new LeverCallException(endpoint, 200,
                        "Lever returned the same next token twice; stopped paging", null, false, null));
            }
            return listFrom(session, endpoint, page, reader, next, collected);
        });
    }

    private Uni<List<LeverNote>> listNotesFrom(LeverSession session, String opportunityId, String offset,
            List<LeverNote> collected) {
        return call(session, "listNotes", auth -> api.listNotes(auth, opportunityId, PAGE_SIZE, offset))
                .chain(json -> {
                    json.path("data").forEach(note -> collected.add(LeverNote.fromJson(note)));
                    String next = json.path("next").asText(null);
                    if (json.path("hasNext").asBoolean(false) && next != null && !next.isEmpty()) {
                        return listNotesFrom(session, opportunityId, next, collected);
                    }
                    return Uni.createFrom().item(collected);
                });
    }

    private Uni<JsonNode> call(LeverSession session, String endpoint, Function<String, Uni<Response>> request) {
        return session.permits().acquire()
                .chain(() -> tokens.accessToken(session.installationId()))
                .chain(token -> send(endpoint, request, token).chain(raw -> {
                    if (raw.status() != 401) {
                        return Uni.createFrom().item(raw);
                    }
                    Log.infof("Lever rejected the access token (401); refreshing it once installationId=%s"
                            + " endpoint=%s", session.installationId(), endpoint);
                    return tokens.refreshAfterRejection(session.installationId(), token)
                            .chain(fresh -> session.permits().acquire()
                                    .chain(() -> send(endpoint, request, fresh)));
                }))
                .map(raw -> bodyOrFailure(session, endpoint, raw));
    }

    private Uni<RawResponse> send(String endpoint, Function<String, Uni<Response>> request, String token) {
        Timer.Sample sample = Timer.start(registry);
        return request.apply("Bearer " + token)
                .map(response -> {
                    String body = response.hasEntity() ? response.readEntity(String.class) : "";
                    RawResponse raw = new RawResponse(response.getStatus(), body, retryAfter(response));
                    record(sample, endpoint, String.valueOf(raw.status()));
                    return raw;
                })
                .onFailure(error -> !(error instanceof LeverCallException)).transform(error -> {
                    record(sample, endpoint, "transport-error");
                    boolean connectionRefused = Causes.hasCause(error, ConnectException.class);
                    return new LeverCallException(endpoint, 0, Causes.rootDescription(error), null,
                            !connectionRefused, error);
                });
    }

    private JsonNode bodyOrFailure(LeverSession session, String endpoint, RawResponse raw) {
        int status = raw.status();
        if (status >= 200 && status < 300) {
            return parse(raw.body());
        }
        if (status == 401) {
            throw new InstallationRevokedException(session.installationId(),
                    "Lever rejected the access token for " + endpoint + " with 401 even after a refresh");
        }
        if (status == 429) {
            session.permits().pause(raw.retryAfter() == null ? DEFAULT_RATE_LIMIT_PAUSE : raw.retryAfter());
        }
        return failWith(failure(endpoint, raw));
    }

    private static LeverCallException failure(String endpoint, RawResponse raw) {
        JsonNode error = parse(raw.body());
        String detail = error.path("code").asText("no error code") + ": " + error.path("message").asText("");
        if (detail.length() > MAX_DETAIL_LENGTH) {
            detail = detail.substring(0, MAX_DETAIL_LENGTH) + "…";
        }
        int status = raw.status();
        return new LeverCallException(endpoint, status, detail, raw.retryAfter(), status >= 500, null);
    }

    private static JsonNode failWith(LeverCallException error) {
        throw error;
    }

    private void record(Timer.Sample sample, String endpoint, String status) {
        sample.stop(Timer.builder("leversync.lever.call.duration")
                .description("Duration of Lever Data API calls")
                .tag("endpoint", endpoint)
                .register(registry));
        Counter.builder("leversync.lever.calls")
                .description("Lever Data API calls by endpoint and HTTP status")
                .tag("endpoint", endpoint)
                .tag("status", status)
                .register(registry)
                .increment();
    }

    private static LeverOpportunity opportunityOrNull(JsonNode json) {
        JsonNode data = json.path("data");
        return data.isObject() && data.hasNonNull("id") ? LeverOpportunity.fromJson(data) : null;
    }

    /** Reads Retry-After in either of its forms, seconds or an HTTP date. */
    static Duration retryAfter(Response response) {
        String value = response.getHeaderString("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration delay = Duration.between(Instant.now(), at.toInstant());
                return delay.isNegative() ? Duration.ZERO : delay;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return EventJson.mapper().readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private record RawResponse(int status, String body, Duration retryAfter) {}
}
