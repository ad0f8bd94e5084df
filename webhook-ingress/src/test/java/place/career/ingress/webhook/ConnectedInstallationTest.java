package place.career.ingress.webhook;

import static place.career.ingress.IngressFixtures.awaitVerifies;
import static place.career.ingress.IngressFixtures.newInstallationId;
import static place.career.ingress.IngressFixtures.newSigningToken;
import static place.career.ingress.IngressFixtures.publishConnected;

import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import place.career.ingress.installation.InstallationRegistry;
import place.career.testsupport.KafkaTestClient;

/**
 * Base of the Quarkus tests that post deliveries signed for one installation, which each test
 * connects afresh on lever.installations.v1 and waits for until the registry verifies it.
 */
abstract class ConnectedInstallationTest {

    @Inject InstallationRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    KafkaTestClient kafka;
    String installationId;
    String signingToken;

    @BeforeEach
    void connectInstallation() {
        kafka = new KafkaTestClient(bootstrapServers);
        installationId = newInstallationId();
        signingToken = newSigningToken();
        publishConnected(kafka, installationId, signingToken);
        awaitVerifies(registry, installationId, signingToken);
    }

    @AfterEach
    void closeClient() {
        kafka.close();
    }
}
