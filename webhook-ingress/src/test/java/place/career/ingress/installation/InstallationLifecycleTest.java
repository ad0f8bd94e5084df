package place.career.ingress.installation;

import static io.restassured.RestAssured.given;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import static place.career.ingress.IngressFixtures.SECRET_BOX;
import static place.career.ingress.IngressFixtures.SHARED_PATH;
import static place.career.ingress.IngressFixtures.applicationData;
import static place.career.ingress.IngressFixtures.awaitUnknown;
import static place.career.ingress.IngressFixtures.awaitVerifies;
import static place.career.ingress.IngressFixtures.envelope;
import static place.career.ingress.IngressFixtures.installationPath;
import static place.career.ingress.IngressFixtures.newInstallationId;
import static place.career.ingress.IngressFixtures.newSigningToken;
import static place.career.ingress.IngressFixtures.publish;
import static place.career.ingress.IngressFixtures.publishConnected;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import place.career.events.InstallationChanged;
import place.career.events.SecretBox;
import place.career.events.Topics;
import place.career.events.WebhookReceived;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.KafkaTestClient;
import place.career.testsupport.PostgresResource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The ingress follows the installation topic: connections, revocations, deletions, several and
 * rotated signing tokens, tokens sealed under an unknown key, and unreadable records.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresResource.class)
class InstallationLifecycleTest {

    @Inject InstallationRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaTestClient kafka;
    private String installationId;

    @BeforeEach
    void openClient() {
        kafka = new KafkaTestClient(bootstrapServers);
        installationId = newInstallationId();
    }

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void rejectsRevokedInstallation() {
        String token = newSigningToken();
        publishConnected(kafka, installationId, token);
        awaitVerifies(registry, installationId, token);

        publishStatus(InstallationChanged.Status.REVOKED, token);
        awaitUnknown(registry, installationId);

        assertProblem(post(SHARED_PATH, token), 401, "signature-mismatch");
        assertProblem(post(installationPath(installationId), token), 404, "unknown-installation");
    }

    @Test
    void rejectsDisconnectedInstallation() {
        String token = newSigningToken();
        publishConnected(kafka, installationId, token);
        awaitVerifies(registry, installationId, token);

        publishStatus(InstallationChanged.Status.DISCONNECTED, token);
        awaitUnknown(registry, installationId);

        assertProblem(post(installationPath(installationId), token), 404, "unknown-installation");
    }

    @Test
    void forgetsInstallationOnTombstone() {
        String token = newSigningToken();
        publishConnected(kafka, installationId, token);
        awaitVerifies(registry, installationId, token);

        kafka.sendRaw(Topics.LEVER_INSTALLATIONS, installationId, null);
        awaitUnknown(registry, installationId);

        assertProblem(post(SHARED_PATH, token), 401, "signature-mismatch");
    }

    @Test
    void acceptsEveryTokenOfInstallation() {
        String first = newSigningToken();
        String second = newSigningToken();
        publishConnected(kafka, installationId, first, second);
        awaitVerifies(registry, installationId, second);

        post(SHARED_PATH, first).statusCode(200).body("outcome", equalTo("accepted"));
        post(SHARED_PATH, second).statusCode(200).body("outcome", equalTo("accepted"));
    }

    @Test
    void rejectsOldTokenAfterRotation() {
        String oldToken = newSigningToken();
        String newToken = newSigningToken();
        publishConnected(kafka, installationId, oldToken);
        awaitVerifies(registry, installationId, oldToken);

        publishConnected(kafka, installationId, newToken);
        awaitVerifies(registry, installationId, newToken);

        assertProblem(post(installationPath(installationId), oldToken), 401, "signature-mismatch");
        post(installationPath(installationId), newToken).statusCode(200);
    }

    @Test
    void ignoresTokenSealedUnderUnknownKey() {
        SecretBox otherBox = SecretBox.withSingleKey("other", SecretBox.generateKey());
        String foreignToken = newSigningToken();
        String goodToken = newSigningToken();
        publish(
                kafka,
                new InstallationChanged(
                        installationId,
                        "org-1",
                        InstallationChanged.Status.CONNECTED,
                        List.of(otherBox.seal(foreignToken), SECRET_BOX.seal(goodToken)),
                        Instant.now()));
        awaitVerifies(registry, installationId, goodToken);

        assertProblem(
                post(installationPath(installationId), foreignToken), 401, "signature-mismatch");
        post(installationPath(installationId), goodToken).statusCode(200);
    }

    @Test
    void distrustsInstallationAfterUnreadableRecord() {
        String token = newSigningToken();
        publishConnected(kafka, installationId, token);
        awaitVerifies(registry, installationId, token);

        kafka.sendRaw(
                Topics.LEVER_INSTALLATIONS,
                installationId,
                "{not json".getBytes(StandardCharsets.UTF_8));
        awaitUnknown(registry, installationId);
        publishConnected(kafka, installationId, token);
        awaitVerifies(registry, installationId, token);

        post(installationPath(installationId), token).statusCode(200);
    }

    @Test
    void reportsReadyWithConnectedCount() {
        String token = newSigningToken();
        publishConnected(kafka, installationId, token);
        awaitVerifies(registry, installationId, token);

        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.find { it.name == 'installations-loaded'"
                                + " }.data.connectedInstallations",
                        greaterThanOrEqualTo(1));
    }

    private void publishStatus(InstallationChanged.Status status, String token) {
        publish(
                kafka,
                new InstallationChanged(
                        installationId,
                        "org-1",
                        status,
                        List.of(SECRET_BOX.seal(token)),
                        Instant.now()));
    }

    private static ValidatableResponse post(String path, String signingToken) {
        ObjectNode envelope =
                envelope(
                        signingToken,
                        WebhookReceived.APPLICATION_CREATED,
                        applicationData("opp-" + System.nanoTime()));
        return given().contentType("application/json")
                .body(envelope.toString())
                .when()
                .post(path)
                .then();
    }

    private static void assertProblem(ValidatableResponse response, int status, String reason) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/" + reason));
    }
}
