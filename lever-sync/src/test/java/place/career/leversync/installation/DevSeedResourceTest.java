package place.career.leversync.installation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.kafka;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import place.career.events.InstallationChanged;
import place.career.events.SecretBox;
import place.career.events.Topics;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
class DevSeedResourceTest {

    @Inject
    SecretBox secretBox;

    @Test
    void seedPublishesSealedSigningTokenOnCompactedTopic() throws Exception {
        Connected account = LeverSyncFixtures.connectNewAccount();

        InstallationChanged changed = kafka().awaitRecords(Topics.LEVER_INSTALLATIONS, InstallationChanged.class,
                event -> account.installationId().equals(event.installationId()), 1, WAIT).get(0);

        assertEquals(InstallationChanged.Status.CONNECTED, changed.status());
        assertEquals(account.organizationId(), changed.organizationId());
        assertEquals(1, changed.signingTokens().size());
        assertFalse(changed.signingTokens().get(0).contains(account.signingToken()), "token travels sealed");
        assertEquals(account.signingToken(), secretBox.open(changed.signingTokens().get(0)));
        assertTrue(cleanupPolicy().contains("compact"));
    }

    @Test
    void seedOfSameAccountKeepsInstallationId() {
        Connected account = LeverSyncFixtures.connectNewAccount();

        given().contentType(ContentType.JSON)
                .body(Map.of("organizationId", account.organizationId(), "leverAccountId", account.accountId(),
                        "accessToken", "another-token", "performAs", "user-2", "qualifiedStageId", "stage-2",
                        "signingToken", "another-signing-token"))
                .when().post("/api/setup/dev/installations")
                .then().statusCode(201)
                .body("installationId", equalTo(account.installationId()))
                .body("status", equalTo("CONNECTED"));
    }

    @Test
    void seedWithMissingFieldsIsRejectedAsProblem() {
        given().contentType(ContentType.JSON)
                .body(Map.of("organizationId", "org-1", "accessToken", ""))
                .when().post("/api/setup/dev/installations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("leverAccountId"))
                .body("detail", containsString("accessToken"))
                .body("requestId", notNullValue());
    }

    @Test
    void seedResponseNeverEchoesTokens() {
        String body = given().contentType(ContentType.JSON)
                .body(Map.of("organizationId", "org-" + LeverSyncFixtures.shortId(), "leverAccountId", "acct-x",
                        "accessToken", "secret-access-token-123", "performAs", "user-1", "qualifiedStageId", "s",
                        "signingToken", "secret-signing-token-456"))
                .when().post("/api/setup/dev/installations")
                .then().statusCode(201)
                .extract().asString();

        assertFalse(body.contains("secret-access-token-123"));
        assertFalse(body.contains("secret-signing-token-456"));
    }

    private static String cleanupPolicy() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.LEVER_INSTALLATIONS);
            return admin.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value();
        }
    }

}
