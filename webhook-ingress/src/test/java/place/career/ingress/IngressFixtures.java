package place.career.ingress;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import place.career.events.EventJson;
import place.career.events.InstallationChanged;
import place.career.events.SecretBox;
import place.career.events.Topics;
import place.career.events.WebhookReceived;
import place.career.ingress.installation.InstallationRegistry;
import place.career.ingress.installation.SignatureMatch;
import place.career.testsupport.KafkaTestClient;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Installations, envelopes and topic reads shared by the ingress tests. Fake data only. */
public final class IngressFixtures {

    /** The fake test key of application.properties' test profile. */
    public static final SecretBox SECRET_BOX =
            SecretBox.withSingleKey("test", "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=");

    public static final String SHARED_PATH = "/api/integrations/lever/webhooks/application";

    private static final SecureRandom RANDOM = new SecureRandom();

    private IngressFixtures() {}

    public static String newInstallationId() {
        return "inst-" + UUID.randomUUID();
    }

    /** Returns a random signing token shaped like the ones Lever shows in its webhook settings. */
    public static String newSigningToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Returns a random per-delivery token of 48 characters, as Lever sends. */
    public static String newDeliveryToken() {
        return newSigningToken();
    }

    public static String installationPath(String installationId) {
        return SHARED_PATH + "/" + installationId;
    }

    /** Publishes the installation as connected with the given plain signing tokens, sealed. */
    public static void publishConnected(
            KafkaTestClient kafka, String installationId, String... signingTokens) {
        List<String> sealed = Arrays.stream(signingTokens).map(SECRET_BOX::seal).toList();
        publish(
                kafka,
                new InstallationChanged(
                        installationId,
                        "org-" + installationId,
                        InstallationChanged.Status.CONNECTED,
                        sealed,
                        Instant.now()));
    }

    public static void publish(KafkaTestClient kafka, InstallationChanged change) {
        kafka.send(Topics.LEVER_INSTALLATIONS, change.installationId(), change);
    }

    /** Waits until the service verifies the installation's signatures with the given token. */
    public static void awaitVerifies(
            InstallationRegistry registry, String installationId, String signingToken) {
        byte[] message = "probe1".getBytes(StandardCharsets.UTF_8);
        byte[] signature = hmac(signingToken, message);
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                registry.verifyFor(installationId, message, signature).result()
                                        == SignatureMatch.Result.MATCHED);
    }

    /** Waits until the registry no longer lists the installation as connected. */
    public static void awaitUnknown(InstallationRegistry registry, String installationId) {
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                registry.verifyFor(installationId, new byte[1], new byte[32])
                                                .result()
                                        == SignatureMatch.Result.UNKNOWN_INSTALLATION);
    }

    /** Builds a signed envelope with an id and {@code triggeredAt} = now. */
    public static ObjectNode envelope(String signingToken, String event, ObjectNode data) {
        return envelope(
                signingToken,
                UUID.randomUUID().toString(),
                event,
                System.currentTimeMillis(),
                data);
    }

    /** Builds a signed envelope, leaving the id out when it is null. */
    public static ObjectNode envelope(
            String signingToken, String id, String event, long triggeredAt, ObjectNode data) {
        String token = newDeliveryToken();
        ObjectNode envelope = EventJson.mapper().createObjectNode();
        if (id != null) {
            envelope.put("id", id);
        }
        envelope.put("event", event);
        envelope.put("triggeredAt", triggeredAt);
        envelope.put("token", token);
        envelope.put("signature", sign(signingToken, token, triggeredAt));
        envelope.set("data", data);
        return envelope;
    }

    /**
     * Returns Lever's signature: hex HMAC-SHA256 over the token followed by the digits of
     * triggeredAt.
     */
    public static String sign(String signingToken, String token, long triggeredAt) {
        return HexFormat.of()
                .formatHex(
                        hmac(signingToken, (token + triggeredAt).getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] hmac(String signingToken, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(
                    new SecretKeySpec(signingToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode applicationData(String opportunityId) {
        return EventJson.mapper()
                .createObjectNode()
                .put("opportunityId", opportunityId)
                .put("applicationId", "app-" + opportunityId)
                .put("contactId", "contact-" + opportunityId)
                .put("candidateId", opportunityId);
    }

    public static ObjectNode emptyData() {
        return EventJson.mapper().createObjectNode();
    }

    /**
     * Returns the webhook records published so far for the installation, read to the topic's end.
     */
    public static List<WebhookReceived> publishedFor(KafkaTestClient kafka, String installationId) {
        return kafka.readAll(Topics.LEVER_WEBHOOKS, Duration.ofSeconds(20)).stream()
                .map(ConsumerRecord::value)
                .map(value -> EventJson.read(value, WebhookReceived.class))
                .filter(event -> installationId.equals(event.installationId()))
                .toList();
    }
}
