package place.career.ingress.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import static place.career.ingress.IngressFixtures.SHARED_PATH;
import static place.career.ingress.IngressFixtures.applicationData;
import static place.career.ingress.IngressFixtures.awaitVerifies;
import static place.career.ingress.IngressFixtures.emptyData;
import static place.career.ingress.IngressFixtures.envelope;
import static place.career.ingress.IngressFixtures.installationPath;
import static place.career.ingress.IngressFixtures.newInstallationId;
import static place.career.ingress.IngressFixtures.newSigningToken;
import static place.career.ingress.IngressFixtures.publishConnected;
import static place.career.ingress.IngressFixtures.publishedFor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import place.career.events.EventJson;
import place.career.events.WebhookReceived;
import place.career.ingress.IngressFixtures;
import place.career.ingress.installation.InstallationRegistry;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.KafkaTestClient;
import place.career.testsupport.PostgresResource;

import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Feeds random and mutated envelopes to both webhook URLs and checks two properties: the ingress
 * never returns 5xx or 3xx while the broker is healthy, and every record it publishes comes from a
 * request whose signature an independent check verifies.
 *
 * <p>Set {@code -Dfuzz.seed=<n>} to replay a failing run and {@code -Dfuzz.iterations=<n>} to run
 * longer; the seed is printed at the start.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresResource.class)
class WebhookFuzzTest {

    private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 401, 404, 409, 413, 415, 422);
    private static final List<String> EVENTS =
            List.of(
                    "applicationCreated",
                    "candidateStageChange",
                    "candidateArchiveChange",
                    "candidateHired",
                    "candidateDeleted",
                    "interviewCreated",
                    "contactUpdated",
                    "somethingNew");
    private static final List<String> FIELDS =
            List.of("id", "event", "triggeredAt", "token", "signature", "data");
    private static final List<String> CONTENT_TYPES =
            List.of(
                    "application/json",
                    "application/json; charset=utf-8",
                    "text/plain",
                    "application/xml",
                    "application/json; charset=latin1",
                    "*/*",
                    "nonsense");

    @Inject InstallationRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource(SHARED_PATH)
    URL sharedUrl;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void publishesOnlyVerifiedDeliveriesAndNever5xx() throws Exception {
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        int iterations = Integer.getInteger("fuzz.iterations", 400);
        Log.infof("Fuzzing the webhook URLs with seed=%d iterations=%d", seed, iterations);
        Random random = new Random(seed);
        String installationId = newInstallationId();
        String signingToken = newSigningToken();
        Set<String> verifiedDeliveries = new HashSet<>();
        Map<Integer, Integer> statusCounts = new TreeMap<>();
        int accepted = 0;

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            publishConnected(kafka, installationId, signingToken);
            awaitVerifies(registry, installationId, signingToken);

            for (int i = 0; i < iterations; i++) {
                byte[] body = randomBody(random, signingToken);
                String contentType =
                        random.nextInt(10) == 0
                                ? CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()))
                                : "application/json";
                String path = random.nextBoolean() ? SHARED_PATH : installationPath(installationId);

                HttpResponse<String> response = post(path, contentType, body);
                statusCounts.merge(response.statusCode(), 1, Integer::sum);

                String context =
                        "seed="
                                + seed
                                + " iteration="
                                + i
                                + " status="
                                + response.statusCode()
                                + " body="
                                + new String(body, StandardCharsets.UTF_8);
                if (response.statusCode() == 200) {
                    String deliveryId = verifiedDeliveryId(body, signingToken);
                    if (deliveryId == null) {
                        fail(
                                "Accepted a delivery that the independent check cannot verify: "
                                        + context);
                    }
                    verifiedDeliveries.add(deliveryId);
                    accepted++;
                } else {
                    assertTrue(CLIENT_ERRORS.contains(response.statusCode()), context);
                    assertEquals(
                            "application/problem+json",
                            response.headers().firstValue("Content-Type").orElse(""),
                            context);
                }
            }

            for (WebhookReceived record : publishedFor(kafka, installationId)) {
                assertTrue(
                        verifiedDeliveries.contains(record.deliveryId()),
                        "seed="
                                + seed
                                + ": published an unverified delivery "
                                + record.deliveryId());
            }
        }
        Log.infof("Fuzzing seed=%d gave these status counts: %s", seed, statusCounts);
        // Unmutated envelopes make up about a tenth of the requests, so some must pass.
        assertFalse(accepted == 0, "seed=" + seed + ": no request was accepted");
    }

    private byte[] randomBody(Random random, String signingToken) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        }
        ObjectNode envelope = validEnvelope(random, signingToken);
        if (kind <= 2) {
            return utf8(envelope.toString());
        }
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            mutate(random, envelope);
        }
        String json = envelope.toString();
        return random.nextInt(8) == 0 ? utf8(mutateText(random, json)) : utf8(json);
    }

    private static ObjectNode validEnvelope(Random random, String signingToken) {
        String event = EVENTS.get(random.nextInt(EVENTS.size()));
        ObjectNode data =
                random.nextInt(6) == 0
                        ? emptyData()
                        : applicationData("opp-fuzz-" + random.nextInt(1000));
        ObjectNode envelope = envelope(signingToken, event, data);
        if (random.nextInt(4) == 0) {
            envelope.remove("id");
        }
        return envelope;
    }

    private static void mutate(Random random, ObjectNode envelope) {
        String field = FIELDS.get(random.nextInt(FIELDS.size()));
        switch (random.nextInt(7)) {
            case 0 -> envelope.remove(field);
            case 1 -> envelope.set(field, randomValue(random, 0));
            case 2 -> flipCharacter(random, envelope, "signature");
            case 3 -> flipCharacter(random, envelope, "token");
            case 4 ->
                    envelope.put(
                            "triggeredAt",
                            envelope.path("triggeredAt").asLong() + random.nextInt(2001) - 1000);
            case 5 -> {
                if (envelope.get("data") instanceof ObjectNode data) {
                    data.set(
                            random.nextBoolean() ? "opportunityId" : "toArchived",
                            randomValue(random, 0));
                }
            }
            default -> envelope.put("event", EVENTS.get(random.nextInt(EVENTS.size())));
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(depth > 2 ? 7 : 9)) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.booleanNode(random.nextBoolean());
            case 2 -> nodes.numberNode(random.nextLong());
            case 3 -> nodes.numberNode(random.nextDouble() * 1e13);
            case 4 -> nodes.numberNode(new BigInteger(100, random));
            case 5 -> nodes.textNode(randomText(random));
            case 6 -> nodes.textNode("x".repeat(random.nextInt(2000)));
            case 7 -> nodes.arrayNode().add(randomValue(random, depth + 1));
            default -> nodes.objectNode().set("k", randomValue(random, depth + 1));
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.append(
                    (char)
                            (random.nextBoolean()
                                    ? 32 + random.nextInt(95)
                                    : random.nextInt(0x3000)));
        }
        return text.toString();
    }

    private static void flipCharacter(Random random, ObjectNode envelope, String field) {
        String value = envelope.path(field).asText("");
        if (value.isEmpty()) {
            return;
        }
        int index = random.nextInt(value.length());
        char replacement = "0123456789abcdefZ".charAt(random.nextInt(17));
        envelope.put(field, value.substring(0, index) + replacement + value.substring(index + 1));
    }

    private static String mutateText(Random random, String json) {
        int index = random.nextInt(json.length());
        return switch (random.nextInt(4)) {
            case 0 -> json.substring(0, index);
            case 1 -> json.substring(0, index) + "\"signature\":\"00\"," + json.substring(index);
            case 2 -> json + json;
            default ->
                    json.substring(0, index) + (char) random.nextInt(128) + json.substring(index);
        };
    }

    /**
     * Returns the delivery id of a body whose signature verifies under the signing token, or null.
     * It uses a lenient parser and the JDK's HMAC, independently of the ingress's own code.
     */
    private static String verifiedDeliveryId(byte[] body, String signingToken) {
        JsonNode envelope;
        try {
            envelope = EventJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
        JsonNode token = envelope.path("token");
        JsonNode triggeredAt = envelope.path("triggeredAt");
        JsonNode signature = envelope.path("signature");
        if (!token.isTextual() || !triggeredAt.isIntegralNumber() || !signature.isTextual()) {
            return null;
        }
        byte[] expected =
                IngressFixtures.hmac(
                        signingToken, utf8(token.textValue() + triggeredAt.bigIntegerValue()));
        byte[] actual;
        try {
            actual = HexFormat.of().parseHex(signature.textValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            return null;
        }
        JsonNode id = envelope.path("id");
        return id.isTextual() && !id.textValue().isEmpty()
                ? id.textValue()
                : "token:" + token.textValue();
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body)
            throws Exception {
        URI uri = sharedUrl.toURI().resolve(path);
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
