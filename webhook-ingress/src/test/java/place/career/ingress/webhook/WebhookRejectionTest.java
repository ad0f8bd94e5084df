package place.career.ingress.webhook;

import static io.restassured.RestAssured.given;

import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static place.career.ingress.IngressFixtures.SHARED_PATH;
import static place.career.ingress.IngressFixtures.applicationData;
import static place.career.ingress.IngressFixtures.awaitVerifies;
import static place.career.ingress.IngressFixtures.envelope;
import static place.career.ingress.IngressFixtures.installationPath;
import static place.career.ingress.IngressFixtures.newInstallationId;
import static place.career.ingress.IngressFixtures.newSigningToken;
import static place.career.ingress.IngressFixtures.publishConnected;
import static place.career.ingress.IngressFixtures.publishedFor;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import place.career.events.EventJson;
import place.career.events.WebhookReceived;
import place.career.ingress.IngressMetrics;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.PostgresResource;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Every kind of bad delivery gets its status and a problem details body, is counted by reason, and
 * publishes nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresResource.class)
class WebhookRejectionTest extends ConnectedInstallationTest {

    private static final String JSON = "application/json";
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    @TestHTTPResource(SHARED_PATH)
    URL sharedUrl;

    /** One bad request: how to spoil a valid signed envelope, and the expected response. */
    record BadRequest(
            String name,
            String contentType,
            BiFunction<ObjectNode, String, String> body,
            int status,
            String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadRequest> badRequests() {
        return Stream.of(
                new BadRequest(
                        "text/plain",
                        "text/plain",
                        (e, t) -> e.toString(),
                        415,
                        "unsupported-media-type"),
                new BadRequest(
                        "form encoded",
                        "application/x-www-form-urlencoded",
                        (e, t) -> "a=b",
                        415,
                        "unsupported-media-type"),
                new BadRequest(
                        "latin-1 charset",
                        "application/json; charset=ISO-8859-1",
                        (e, t) -> e.toString(),
                        415,
                        "unsupported-media-type"),
                new BadRequest(
                        "invalid JSON", JSON, (e, t) -> "{\"event\": ", 400, "malformed-json"),
                new BadRequest("JSON array", JSON, (e, t) -> "[" + e + "]", 400, "malformed-json"),
                new BadRequest("trailing garbage", JSON, (e, t) -> e + "}", 400, "malformed-json"),
                new BadRequest(
                        "duplicate signature key",
                        JSON,
                        (e, t) ->
                                e.toString()
                                        .replaceFirst(
                                                "\\{",
                                                "{\"signature\":\"" + "0".repeat(64) + "\","),
                        400,
                        "malformed-json"),
                new BadRequest(
                        "event missing", JSON, (e, t) -> without(e, "event"), 400, "invalid-field"),
                new BadRequest(
                        "event a number",
                        JSON,
                        (e, t) -> e.put("event", 7).toString(),
                        400,
                        "invalid-field"),
                new BadRequest(
                        "triggeredAt missing",
                        JSON,
                        (e, t) -> without(e, "triggeredAt"),
                        400,
                        "invalid-field"),
                new BadRequest(
                        "triggeredAt a string",
                        JSON,
                        (e, t) -> e.put("triggeredAt", e.get("triggeredAt").asText()).toString(),
                        400,
                        "invalid-field"),
                new BadRequest(
                        "triggeredAt a float",
                        JSON,
                        (e, t) -> e.put("triggeredAt", e.get("triggeredAt").asDouble()).toString(),
                        400,
                        "invalid-field"),
                new BadRequest(
                        "triggeredAt negative",
                        JSON,
                        (e, t) -> e.put("triggeredAt", -5).toString(),
                        400,
                        "invalid-field"),
                new BadRequest(
                        "triggeredAt beyond 64 bits",
                        JSON,
                        (e, t) ->
                                e.toString()
                                        .replaceFirst(
                                                "\"triggeredAt\":\\d+",
                                                "\"triggeredAt\":123456789012345678901234567890"),
                        400,
                        "invalid-field"),
                new BadRequest(
                        "token missing", JSON, (e, t) -> without(e, "token"), 400, "invalid-field"),
                new BadRequest(
                        "token an object",
                        JSON,
                        (e, t) -> e.set("token", EventJson.mapper().createObjectNode()).toString(),
                        400,
                        "invalid-field"),
                new BadRequest(
                        "data missing", JSON, (e, t) -> without(e, "data"), 400, "invalid-field"),
                new BadRequest(
                        "data an array",
                        JSON,
                        (e, t) -> e.set("data", EventJson.mapper().createArrayNode()).toString(),
                        400,
                        "invalid-field"),
                new BadRequest(
                        "opportunityId a number",
                        JSON,
                        (e, t) -> {
                            ((ObjectNode) e.get("data")).put("opportunityId", 42);
                            return e.toString();
                        },
                        400,
                        "invalid-field"),
                new BadRequest(
                        "opportunityId missing",
                        JSON,
                        (e, t) -> {
                            ((ObjectNode) e.get("data"))
                                    .remove(List.of("opportunityId", "candidateId"));
                            return e.toString();
                        },
                        400,
                        "invalid-field"),
                new BadRequest(
                        "toArchived a string",
                        JSON,
                        (e, t) -> {
                            ((ObjectNode) e.get("data")).put("toArchived", "yes");
                            return e.toString();
                        },
                        400,
                        "invalid-field"),
                new BadRequest(
                        "signature not hex",
                        JSON,
                        (e, t) -> e.put("signature", "z".repeat(64)).toString(),
                        400,
                        "invalid-field"),
                new BadRequest(
                        "signature too short",
                        JSON,
                        (e, t) -> e.put("signature", "ab").toString(),
                        400,
                        "invalid-field"),
                new BadRequest(
                        "signature missing",
                        JSON,
                        (e, t) -> without(e, "signature"),
                        401,
                        "signature-missing"),
                new BadRequest(
                        "signature empty",
                        JSON,
                        (e, t) -> e.put("signature", "").toString(),
                        401,
                        "signature-missing"),
                new BadRequest(
                        "signature from another token",
                        JSON,
                        (e, t) -> resigned(e, newSigningToken()),
                        401,
                        "signature-mismatch"),
                new BadRequest(
                        "signature over another triggeredAt",
                        JSON,
                        (e, t) ->
                                e.put("triggeredAt", e.get("triggeredAt").asLong() + 1).toString(),
                        401,
                        "signature-mismatch"),
                new BadRequest(
                        "signature over another token",
                        JSON,
                        (e, t) -> e.put("token", "x" + e.get("token").asText()).toString(),
                        401,
                        "signature-mismatch"),
                new BadRequest(
                        "triggeredAt 16 days old",
                        JSON,
                        (e, t) -> resignedAt(e, t, System.currentTimeMillis() - 16 * DAY_MS),
                        422,
                        "stale-delivery"),
                new BadRequest(
                        "triggeredAt an hour ahead",
                        JSON,
                        (e, t) -> resignedAt(e, t, System.currentTimeMillis() + 3_600_000),
                        422,
                        "future-delivery"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void rejectsBadRequestOnSharedUrl(BadRequest bad) {
        assertRejected(bad, SHARED_PATH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void rejectsBadRequestOnInstallationUrl(BadRequest bad) {
        assertRejected(bad, installationPath(installationId));
    }

    @Test
    void deepNestingNamesNoParserInternals() {
        String body = "[".repeat(1_500) + "]".repeat(1_500);

        ValidatableResponse response = post(SHARED_PATH, JSON, body);

        assertProblem(response, 400, "malformed-json");
        response.body("detail", not(containsString("StreamReadConstraints")));
    }

    @Test
    void acceptsRetryFrom14DaysAgo() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-old"));
        String body = resignedAt(envelope, signingToken, System.currentTimeMillis() - 14 * DAY_MS);

        post(SHARED_PATH, JSON, body).statusCode(200).body("outcome", equalTo("accepted"));
    }

    @Test
    void rejectsUnknownInstallationOnItsUrl() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-404"));

        assertProblem(
                post(installationPath("inst-unknown"), JSON, envelope.toString()),
                404,
                "unknown-installation");
    }

    @Test
    void rejectsOtherInstallationsSignatureOnItsUrl() {
        String otherInstallation = newInstallationId();
        String otherToken = newSigningToken();
        publishConnected(kafka, otherInstallation, otherToken);
        awaitVerifies(registry, otherInstallation, otherToken);
        ObjectNode envelope =
                envelope(
                        otherToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-other"));

        assertProblem(
                post(installationPath(installationId), JSON, envelope.toString()),
                401,
                "signature-mismatch");
        assertTrue(publishedFor(kafka, otherInstallation).isEmpty());
    }

    @Test
    void rejectsBodyOverSizeLimit() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-big"));
        envelope.put("padding", "x".repeat(70_000));

        assertProblem(post(SHARED_PATH, JSON, envelope.toString()), 413, "payload-too-large");
    }

    @Test
    void rejectsBodyOverServerLimitWithProblem() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-huge"));
        envelope.put("padding", "x".repeat(2 * 1024 * 1024));
        double before = IngressMetrics.rejections("payload-too-large");

        assertProblem(post(SHARED_PATH, JSON, envelope.toString()), 413, "payload-too-large");
        assertEquals(before + 1, IngressMetrics.rejections("payload-too-large"));
    }

    @Test
    void rejectsChunkedBodyOverSizeLimit() throws Exception {
        HttpResponse<String> response = postChunked(70_000);

        assertEquals(413, response.statusCode());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("payload-too-large"));
    }

    @Test
    void acceptsChunkedBodyWithinLimit() throws Exception {
        HttpResponse<String> response = postChunked(1_000);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"outcome\""), response.body());
    }

    /** Posts a signed envelope padded to about {@code padding} bytes, chunked. */
    private HttpResponse<String> postChunked(int padding) throws Exception {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-chunked"));
        envelope.put("padding", "x".repeat(padding));
        byte[] body = envelope.toString().getBytes(StandardCharsets.UTF_8);
        // A publisher of unknown length makes the client send the body chunked, without a
        // Content-Length header.
        HttpRequest request =
                HttpRequest.newBuilder(sharedUrl.toURI())
                        .header("Content-Type", JSON)
                        .POST(
                                HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new ByteArrayInputStream(body)))
                        .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rejectsMissingContentType() throws Exception {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-no-type"));
        HttpRequest request =
                HttpRequest.newBuilder(sharedUrl.toURI())
                        .POST(HttpRequest.BodyPublishers.ofString(envelope.toString()))
                        .build();

        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(415, response.statusCode());
        assertTrue(response.body().contains("unsupported-media-type"));
        assertTrue(publishedFor(kafka, installationId).isEmpty());
    }

    @Test
    void rejectsOtherMethodsWith405() {
        for (String path : List.of(SHARED_PATH, installationPath(installationId))) {
            for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
                ValidatableResponse response =
                        given().contentType(JSON).body("{}").when().request(method, path).then();
                assertProblem(response, 405, "method-not-allowed");
                response.header("Allow", equalTo("POST"));
            }
        }
    }

    @Test
    void acceptsSharedUrlWithTrailingSlashWithoutRedirect() {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-slash"));

        int status =
                given().redirects()
                        .follow(false)
                        .contentType(JSON)
                        .body(envelope.toString())
                        .when()
                        .post(SHARED_PATH + "/")
                        .then()
                        .extract()
                        .statusCode();

        assertEquals(200, status);
    }

    @Test
    void rejectsSharedTokenAsAmbiguousOnSharedUrl() {
        String first = newInstallationId();
        String second = newInstallationId();
        String sharedToken = newSigningToken();
        publishConnected(kafka, first, sharedToken);
        publishConnected(kafka, second, sharedToken);
        awaitVerifies(registry, first, sharedToken);
        awaitVerifies(registry, second, sharedToken);
        ObjectNode envelope =
                envelope(
                        sharedToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-shared"));

        assertProblem(post(SHARED_PATH, JSON, envelope.toString()), 409, "ambiguous-signature");
        post(installationPath(second), JSON, envelope.toString()).statusCode(200);

        List<WebhookReceived> published = publishedFor(kafka, second);
        assertEquals(1, published.size());
        assertTrue(publishedFor(kafka, first).isEmpty());
    }

    private void assertRejected(BadRequest bad, String path) {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-bad"));
        String deliveryId = envelope.get("id").asText();
        String body = bad.body().apply(envelope, signingToken);
        double before = IngressMetrics.rejections(bad.reason());

        ValidatableResponse response =
                bad.contentType() == null
                        ? given().body(body).when().post(path).then()
                        : post(path, bad.contentType(), body);

        assertProblem(response, bad.status(), bad.reason());
        assertEquals(before + 1, IngressMetrics.rejections(bad.reason()));
        assertTrue(
                publishedFor(kafka, installationId).stream()
                        .noneMatch(record -> deliveryId.equals(record.deliveryId())));
    }

    private static void assertProblem(ValidatableResponse response, int status, String reason) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .header("X-Request-Id", not(emptyOrNullString()))
                .body("type", equalTo("https://career.place/problems/" + reason))
                .body("status", equalTo(status))
                .body("title", not(emptyOrNullString()))
                .body("detail", not(emptyOrNullString()))
                .body("requestId", not(emptyOrNullString()));
    }

    private static ValidatableResponse post(String path, String contentType, String body) {
        return given().contentType(contentType).body(body).when().post(path).then();
    }

    private static String without(ObjectNode envelope, String field) {
        envelope.remove(field);
        return envelope.toString();
    }

    private static String resigned(ObjectNode envelope, String signingToken) {
        return resignedAt(envelope, signingToken, envelope.get("triggeredAt").asLong());
    }

    private static String resignedAt(ObjectNode envelope, String signingToken, long triggeredAt) {
        envelope.put("triggeredAt", triggeredAt);
        envelope.put(
                "signature",
                place.career.ingress.IngressFixtures.sign(
                        signingToken, envelope.get("token").asText(), triggeredAt));
        return envelope.toString();
    }
}
