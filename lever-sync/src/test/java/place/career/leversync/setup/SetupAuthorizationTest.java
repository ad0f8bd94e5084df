package place.career.leversync.setup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static place.career.leversync.ConnectFixtures.connect;
import static place.career.leversync.ConnectFixtures.newLeverAccount;
import static place.career.leversync.ConnectFixtures.newOrganization;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import place.career.leversync.AdminTokens;
import place.career.leversync.ConnectFixtures.Organization;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

/** Who may call the setup API, and that each call reaches only the caller's organisation. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
@QuarkusTestResource(AdminTokens.class)
class SetupAuthorizationTest {

    /** Every setup endpoint with a valid body, so that only the token decides the response. */
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(Method.POST, "/api/setup/lever/connect", null),
            new Endpoint(Method.GET, "/api/setup/lever/status", null),
            new Endpoint(Method.GET, "/api/setup/lever/stages", null),
            new Endpoint(Method.GET, "/api/setup/lever/postings", null),
            new Endpoint(Method.GET, "/api/setup/lever/postings/" + LeverSyncFixtures.POSTING, null),
            new Endpoint(Method.PUT, "/api/setup/lever/qualified-stage",
                    Map.of("stageId", LeverSyncFixtures.QUALIFIED_STAGE)),
            new Endpoint(Method.PUT, "/api/setup/lever/webhook-signing-tokens",
                    Map.of("tokens", List.of("signing-token-stranger-b"))),
            new Endpoint(Method.POST, "/api/setup/lever/disconnect", null),
            new Endpoint(Method.GET, "/api/setup/lever/audit-log", null));

    @Test
    void missingTokenGets401Problem() {
        for (Endpoint endpoint : ENDPOINTS) {
            endpoint.send(given())
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("https://career.place/problems/unauthenticated"))
                    .body("title", equalTo("Authentication required"))
                    .body("status", equalTo(401))
                    .body("requestId", notNullValue());
        }
    }

    @Test
    void untrustedOrExpiredTokenGets401() {
        Organization organization = newOrganization();
        for (String token : List.of(
                AdminTokens.adminSignedByUnknownKey(organization.organizationId(), organization.adminUserId()),
                AdminTokens.expiredAdmin(organization.organizationId(), organization.adminUserId()),
                "not-a-jwt")) {
            for (Endpoint endpoint : ENDPOINTS) {
                endpoint.send(given().auth().oauth2(token))
                        .then().statusCode(401)
                        .contentType("application/problem+json");
            }
        }
    }

    @Test
    void memberWhoIsNotAdminGets403() {
        Organization organization = newOrganization();
        String token = AdminTokens.member(organization.organizationId(), organization.adminUserId());
        for (Endpoint endpoint : ENDPOINTS) {
            endpoint.send(given().auth().oauth2(token))
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://career.place/problems/forbidden"))
                    .body("status", equalTo(403));
        }
    }

    @Test
    void adminTokenWithoutOrganizationGets403() {
        String token = AdminTokens.adminWithoutOrganization("cp-admin-" + LeverSyncFixtures.shortId());
        for (Endpoint endpoint : ENDPOINTS) {
            endpoint.send(given().auth().oauth2(token))
                    .then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void otherOrganizationCannotReachConnection() {
        Organization owner = newOrganization();
        assertConnected(owner);
        given().auth().oauth2(owner.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("tokens", List.of("signing-token-owner-a")))
                .when().put("/api/setup/lever/webhook-signing-tokens").then().statusCode(200);
        Organization stranger = newOrganization();
        String strangerToken = stranger.adminToken();

        given().auth().oauth2(strangerToken).when().get("/api/setup/lever/status")
                .then().statusCode(200)
                .body("status", equalTo("DISCONNECTED"))
                .body("installationId", nullValue());
        given().auth().oauth2(strangerToken).when().get("/api/setup/lever/audit-log")
                .then().statusCode(200)
                .body("$", empty());
        for (Endpoint endpoint : ENDPOINTS.subList(2, 8)) {
            endpoint.send(given().auth().oauth2(strangerToken))
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("Organisation " + stranger.organizationId()
                            + " has no Lever connection; start one with POST /api/setup/lever/connect"));
        }

        given().auth().oauth2(owner.adminToken()).when().get("/api/setup/lever/status")
                .then().statusCode(200)
                .body("status", equalTo("CONNECTED"))
                .body("signingTokenCount", equalTo(1))
                .body("qualifiedStageId", nullValue());
        given().auth().oauth2(owner.adminToken()).when().get("/api/setup/lever/audit-log")
                .then().statusCode(200)
                .body("organizationId", everyItem(equalTo(owner.organizationId())))
                .body("actor", everyItem(equalTo(owner.adminUserId())));
    }

    private static void assertConnected(Organization organization) {
        assertEquals("connected", connect(organization, newLeverAccount()));
    }

    private record Endpoint(Method method, String path, Object body) {

        Response send(RequestSpecification request) {
            if (body != null) {
                request = request.contentType(ContentType.JSON).body(body);
            }
            return request.when().request(method, path);
        }
    }
}
