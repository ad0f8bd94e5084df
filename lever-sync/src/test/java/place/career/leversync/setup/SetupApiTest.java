package place.career.leversync.setup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversync.ConnectFixtures.connect;
import static place.career.leversync.ConnectFixtures.newLeverAccount;
import static place.career.leversync.ConnectFixtures.newOrganization;
import static place.career.leversync.ConnectFixtures.simulator;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.awaitNotes;
import static place.career.leversync.LeverSyncFixtures.kafka;
import static place.career.leversync.LeverSyncFixtures.send;
import static place.career.leversync.LeverSyncFixtures.transition;
import static place.career.leversync.setup.SettingsService.MIN_SIGNING_TOKEN_LENGTH;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import place.career.events.FunnelStatus;
import place.career.events.InstallationChanged;
import place.career.events.SecretBox;
import place.career.events.Topics;
import place.career.leversync.AdminTokens;
import place.career.leversync.ConnectFixtures.LeverAccount;
import place.career.leversync.ConnectFixtures.Organization;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

/** The setup API against the simulator, the real database and the real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
@QuarkusTestResource(AdminTokens.class)
class SetupApiTest {

    @Inject
    Pool pool;

    @Inject
    SecretBox secretBox;

    @Test
    void stagesListsEveryPage() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        for (int i = 0; i < 150; i++) {
            simulator().addStage(account.accountId(), "stage-" + i, "Stage " + i);
        }
        assertEquals("connected", connect(organization, account));

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/stages")
                .then().statusCode(200)
                .body("$", hasSize(152))
                .body("[0].id", equalTo(LeverSyncFixtures.FIRST_STAGE))
                .body("[151].text", equalTo("Stage 149"));
    }

    @Test
    void stagesShareBucketWithBacklog() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        assertEquals("connected", connect(organization, account));
        String installationId = given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/status")
                .then().statusCode(200)
                .extract().path("installationId");
        Connected busy = new Connected(account.accountId(), installationId, organization.organizationId(), null);
        List<String> opportunities = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String opportunityId = busy.addOpportunity();
            opportunities.add(opportunityId);
            send(transition(busy, opportunityId, "funnel-" + LeverSyncFixtures.shortId(), 1, FunnelStatus.INVITED));
        }
        // The lane has spent its burst and sends at the account's rate when the admin opens the screen.
        await().atMost(WAIT).until(() -> leverCalls(account) >= 25);

        long slowestNanos = 0;
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            given().auth().oauth2(organization.adminToken())
                    .when().get("/api/setup/lever/stages")
                    .then().statusCode(200);
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
        }
        opportunities.forEach(id -> awaitNotes(busy, id, 1));

        assertEquals(0, simulator().rateLimitedCount(account.accountId()));
        assertTrue(Duration.ofNanos(slowestNanos).compareTo(Duration.ofSeconds(2)) < 0,
                "a stages request took " + Duration.ofNanos(slowestNanos));
    }

    private static long leverCalls(LeverAccount account) {
        return simulator().requests("*", "/v1/**").stream()
                .filter(request -> account.accountId().equals(request.accountId()))
                .count();
    }

    @Test
    void postingsFollowPagesAndFilterByState() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        for (int i = 0; i < 120; i++) {
            simulator().addPosting(account.accountId(), "posting-open-" + i, "Open role " + i, "published");
        }
        for (int i = 0; i < 5; i++) {
            simulator().addPosting(account.accountId(), "posting-closed-" + i, "Closed role " + i, "closed");
        }
        assertEquals("connected", connect(organization, account));

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/postings")
                .then().statusCode(200)
                .body("$", hasSize(126));
        given().auth().oauth2(organization.adminToken()).queryParam("state", "closed")
                .when().get("/api/setup/lever/postings")
                .then().statusCode(200)
                .body("$", hasSize(5))
                .body("state", hasItems("closed"))
                .body("[0].url", notNullValue());
        given().auth().oauth2(organization.adminToken()).queryParam("state", "archived")
                .when().get("/api/setup/lever/postings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/invalid-request"))
                .body("detail", containsString("'archived' is not a Lever posting state"));
    }

    @Test
    void postingMatchesListElement() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        assertEquals("connected", connect(organization, account));
        Map<String, Object> listed = given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/postings")
                .then().statusCode(200)
                .extract().path("find { it.id == '" + LeverSyncFixtures.POSTING + "' }");
        String path = "/v1/postings/" + LeverSyncFixtures.POSTING;
        long callsBefore = leverCalls(account, path);

        Map<String, Object> posting = given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/postings/{postingId}", LeverSyncFixtures.POSTING)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", equalTo(LeverSyncFixtures.POSTING))
                .body("text", equalTo("Ingénieure backend"))
                .body("state", equalTo("published"))
                .body("url", notNullValue())
                .extract().as(Map.class);

        assertEquals(listed, posting);
        assertEquals(1, leverCalls(account, path) - callsBefore);
    }

    @Test
    void unknownPostingIsProblem404() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        assertEquals("connected", connect(organization, account));

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/postings/{postingId}", "posting-never-created")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/posting-not-found"))
                .body("title", equalTo("Posting not found"))
                .body("status", equalTo(404))
                .body("detail", containsString("'posting-never-created' does not exist"))
                .body("detail", containsString(account.accountId()))
                .body("detail", containsString("pick one from GET /api/setup/lever/postings"))
                .body("requestId", notNullValue());
        assertEquals(1, leverCalls(account, "/v1/postings/posting-never-created"));
    }

    @Test
    void confidentialPostingIsProblem404() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        simulator().addPosting(account.accountId(), "posting-secret", "Chief of Staff", "published");
        simulator().setPostingConfidential(account.accountId(), "posting-secret", true);
        assertEquals("connected", connect(organization, account));

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/postings/{postingId}", "posting-secret")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/posting-not-found"))
                .body("detail", containsString("'posting-secret' is confidential"))
                .body("detail", containsString("pick one from GET /api/setup/lever/postings"));
    }

    @Test
    void postingOfOtherAccountIsNotFound() {
        Organization owner = newOrganization();
        LeverAccount ownerAccount = newLeverAccount();
        simulator().addPosting(ownerAccount.accountId(), "posting-owner-only", "Owner's role", "published");
        assertEquals("connected", connect(owner, ownerAccount));
        Organization other = newOrganization();
        assertEquals("connected", connect(other, newLeverAccount()));

        given().auth().oauth2(other.adminToken())
                .when().get("/api/setup/lever/postings/{postingId}", "posting-owner-only")
                .then().statusCode(404)
                .body("type", equalTo("https://career.place/problems/posting-not-found"));
        given().auth().oauth2(owner.adminToken())
                .when().get("/api/setup/lever/postings/{postingId}", "posting-owner-only")
                .then().statusCode(200)
                .body("text", equalTo("Owner's role"));
    }

    @Test
    void postingLeverFailureIsProblem502() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        assertEquals("connected", connect(organization, account));
        simulator().failNext("GET", "/v1/postings/" + LeverSyncFixtures.POSTING, 1, 500);

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/postings/{postingId}", LeverSyncFixtures.POSTING)
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/lever-unavailable"));
    }

    @Test
    void postingOfDisconnectedInstallationIs409() {
        Organization organization = newOrganization();
        assertEquals("connected", connect(organization, newLeverAccount()));
        given().auth().oauth2(organization.adminToken())
                .when().post("/api/setup/lever/disconnect")
                .then().statusCode(200);

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/postings/{postingId}", LeverSyncFixtures.POSTING)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/installation-disconnected"));
    }

    @Test
    void overlongPostingIdIsRejected() {
        Organization organization = newOrganization();
        assertEquals("connected", connect(organization, newLeverAccount()));

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/postings/{postingId}", "p".repeat(201))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/invalid-request"))
                .body("detail", containsString("longer than 200 characters"));
    }

    private static long leverCalls(LeverAccount account, String path) {
        return simulator().requests("GET", path).stream()
                .filter(request -> account.accountId().equals(request.accountId()))
                .count();
    }

    @Test
    void qualifiedStageMustExistInLever() {
        Organization organization = newOrganization();
        assertEquals("connected", connect(organization, newLeverAccount()));

        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("stageId", "stage-unknown"))
                .when().put("/api/setup/lever/qualified-stage")
                .then().statusCode(400)
                .body("detail", containsString("'stage-unknown' is not a stage"));
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body(Map.of())
                .when().put("/api/setup/lever/qualified-stage")
                .then().statusCode(400)
                .body("detail", containsString("stageId is missing"));
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("stageId", LeverSyncFixtures.QUALIFIED_STAGE))
                .when().put("/api/setup/lever/qualified-stage")
                .then().statusCode(200)
                .body("id", equalTo(LeverSyncFixtures.QUALIFIED_STAGE))
                .body("text", equalTo("Qualified by career.place"));
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("stageId", LeverSyncFixtures.QUALIFIED_STAGE))
                .when().put("/api/setup/lever/qualified-stage")
                .then().statusCode(200);

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/status")
                .then().statusCode(200)
                .body("qualifiedStageId", equalTo(LeverSyncFixtures.QUALIFIED_STAGE));
        assertEquals(List.of("QUALIFIED_STAGE_SET", "CONNECTED"), auditActions(organization),
                "setting the same stage again writes no entry");
    }

    @Test
    void signingTokensAreSealedAndAnnounced() {
        Organization organization = newOrganization();
        assertEquals("connected", connect(organization, newLeverAccount()));
        String installationId = installationId(organization);

        String body = given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("tokens", List.of("signing-old-7f3a", " signing-new-91bc ")))
                .when().put("/api/setup/lever/webhook-signing-tokens")
                .then().statusCode(200)
                .body("signingTokenCount", equalTo(2))
                .extract().asString();

        assertFalse(body.contains("signing-old-7f3a"));
        InstallationChanged announced = kafka().awaitRecords(Topics.LEVER_INSTALLATIONS, InstallationChanged.class,
                event -> installationId.equals(event.installationId()) && event.signingTokens().size() == 2, 1,
                WAIT).get(0);
        assertEquals("signing-old-7f3a", secretBox.open(announced.signingTokens().get(0)));
        assertEquals("signing-new-91bc", secretBox.open(announced.signingTokens().get(1)));
        String detail = auditDetails(organization).get(0);
        assertEquals("count=2 previousCount=0", detail);
    }

    @Test
    void invalidSigningTokensAreRejected() {
        Organization organization = newOrganization();
        assertEquals("connected", connect(organization, newLeverAccount()));
        String valid = "signing-" + "a".repeat(MIN_SIGNING_TOKEN_LENGTH - 8);
        Map<Object, String> invalidBodies = new LinkedHashMap<>();
        invalidBodies.put(Map.of(), "Send 1 to 10 signing tokens");
        invalidBodies.put(Map.of("tokens", List.of()), "Send 1 to 10 signing tokens");
        invalidBodies.put(Map.of("tokens", List.of("")), "tokens[0] is empty");
        invalidBodies.put(Map.of("tokens", List.of(valid, "has space " + valid)), "tokens[1] contains spaces");
        invalidBodies.put(Map.of("tokens", List.of(valid, valid)), "the same token twice");
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(valid + i);
        }
        invalidBodies.put(Map.of("tokens", eleven), "the request had 11");
        invalidBodies.put(Map.of("tokens", List.of(" x ")), "tokens[0] has 1 character without surrounding spaces");
        invalidBodies.put(Map.of("tokens", List.of(valid.substring(1))),
                "tokens[0] has 15 characters without surrounding spaces, fewer than the 16");
        invalidBodies.put(Map.of("tokens", List.of("x".repeat(513))), "tokens[0] has 513 characters, more than the 512");

        invalidBodies.forEach((body, detail) -> given().auth().oauth2(organization.adminToken())
                .contentType(ContentType.JSON).body(body)
                .when().put("/api/setup/lever/webhook-signing-tokens")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(detail)));
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON).body("{\"tokens\": [")
                .when().put("/api/setup/lever/webhook-signing-tokens")
                .then().statusCode(400);

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/status")
                .then().body("signingTokenCount", equalTo(0));
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("tokens", List.of(valid)))
                .when().put("/api/setup/lever/webhook-signing-tokens")
                .then().statusCode(200)
                .body("signingTokenCount", equalTo(1));
    }

    @Test
    void disconnectDeletesTokensKeepsSettings() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        assertEquals("connected", connect(organization, account));
        String installationId = installationId(organization);
        setQualifiedStageAndSigningToken(organization);
        long workItemId = insertPendingWork(installationId);

        given().auth().oauth2(organization.adminToken())
                .when().post("/api/setup/lever/disconnect")
                .then().statusCode(200)
                .body("status", equalTo("DISCONNECTED"))
                .body("installationId", equalTo(installationId))
                .body("disconnectedAt", notNullValue())
                .body("qualifiedStageId", equalTo(LeverSyncFixtures.QUALIFIED_STAGE))
                .body("signingTokenCount", equalTo(1))
                .body("pendingWorkItems", equalTo(0));

        Row row = installationRow(installationId);
        assertNull(row.getString("access_token_sealed"));
        assertNull(row.getString("refresh_token_sealed"));
        assertEquals("SKIPPED", workItemState(workItemId));
        kafka().awaitRecords(Topics.LEVER_INSTALLATIONS, InstallationChanged.class,
                event -> installationId.equals(event.installationId())
                        && event.status() == InstallationChanged.Status.DISCONNECTED, 1, WAIT);
        given().auth().oauth2(organization.adminToken()).when().get("/api/setup/lever/stages")
                .then().statusCode(409)
                .body("type", equalTo("https://career.place/problems/installation-disconnected"))
                .body("detail", containsString("is DISCONNECTED"));
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("tokens", List.of("signing-later-rotation")))
                .when().put("/api/setup/lever/webhook-signing-tokens")
                .then().statusCode(409);
        given().auth().oauth2(organization.adminToken()).when().post("/api/setup/lever/disconnect")
                .then().statusCode(200);
        assertEquals(1, auditActions(organization).stream().filter("DISCONNECTED"::equals).count());

        assertEquals("connected", connect(organization, account));

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/status")
                .then().statusCode(200)
                .body("status", equalTo("CONNECTED"))
                .body("installationId", equalTo(installationId))
                .body("qualifiedStageId", equalTo(LeverSyncFixtures.QUALIFIED_STAGE))
                .body("signingTokenCount", equalTo(1))
                .body("disconnectedAt", nullValue());
        assertEquals("SKIPPED", workItemState(workItemId), "skipped work stays skipped after a reconnect");
    }

    @Test
    void revokedGrantGivesConflictAndStatus() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        assertEquals("connected", connect(organization, account));
        String installationId = installationId(organization);
        simulator().revokeGrant(account.accountId());

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/stages")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/installation-disconnected"))
                .body("detail", containsString("reconnect"));

        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/status")
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("lastError", containsString("invalid_grant"))
                .body("lastErrorAt", notNullValue());
        kafka().awaitRecords(Topics.LEVER_INSTALLATIONS, InstallationChanged.class,
                event -> installationId.equals(event.installationId())
                        && event.status() == InstallationChanged.Status.REVOKED, 1, WAIT);
        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/audit-log")
                .then().statusCode(200)
                .body("[0].action", equalTo("REVOKED"))
                .body("[0].actor", equalTo("lever-sync"));
    }

    @Test
    void auditLogIsNewestFirstAndLimited() {
        Organization organization = newOrganization();
        assertEquals("connected", connect(organization, newLeverAccount()));
        setQualifiedStageAndSigningToken(organization);

        given().auth().oauth2(organization.adminToken()).queryParam("limit", 2)
                .when().get("/api/setup/lever/audit-log")
                .then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].action", equalTo("SIGNING_TOKENS_SET"))
                .body("[1].action", equalTo("QUALIFIED_STAGE_SET"))
                .body("[1].actor", equalTo(organization.adminUserId()))
                .body("[1].occurredAt", notNullValue());
        given().auth().oauth2(organization.adminToken()).queryParam("limit", 0)
                .when().get("/api/setup/lever/audit-log")
                .then().statusCode(400);
        given().auth().oauth2(organization.adminToken()).queryParam("limit", "abc")
                .when().get("/api/setup/lever/audit-log")
                .then().statusCode(400)
                .body("type", equalTo("https://career.place/problems/invalid-request"))
                .body("detail", containsString("'limit' must be a whole number from 1 to 500, got 'abc'"));
    }

    @Test
    void openApiDocumentsTheSetupApi() {
        given().queryParam("format", "json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", notNullValue())
                .body("paths.'/api/setup/lever/connect'.post.summary", equalTo("Start connecting Lever"))
                .body("paths.'/api/setup/lever/qualified-stage'.put.summary", notNullValue())
                .body("paths.'/api/setup/lever/postings/{postingId}'.get.summary",
                        equalTo("Show one posting of the Lever account"))
                .body("paths.'/api/integrations/lever/oauth/callback'.get.summary", notNullValue())
                .body("components.securitySchemes.careerPlaceJwt.scheme", equalTo("bearer"));
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        Organization organization = newOrganization();
        assertEquals("connected", connect(organization, newLeverAccount()));

        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body("{\n  \"stageId\": bad")
                .when().put("/api/setup/lever/qualified-stage")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/malformed-json"))
                .body("title", equalTo("Malformed JSON"))
                .body("status", equalTo(400))
                .body("detail", containsString("line 2, column"))
                .body("detail", containsString("Send a JSON object with the fields stageId."))
                .body("detail", not(containsString("bad")))
                .body("requestId", notNullValue());
    }

    @Test
    void wrongFieldTypeNamesFieldPath() {
        Organization organization = newOrganization();
        assertEquals("connected", connect(organization, newLeverAccount()));

        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body("{\"tokens\": \"signing-token\"}")
                .when().put("/api/setup/lever/webhook-signing-tokens")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/invalid-field"))
                .body("detail", containsString("Field 'tokens'"))
                .body("detail", containsString("expected an array"));
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body("{\"tokens\": [\"signing-token\", {\"value\": 1}]}")
                .when().put("/api/setup/lever/webhook-signing-tokens")
                .then().statusCode(400)
                .body("type", equalTo("https://career.place/problems/invalid-field"))
                .body("detail", containsString("Field 'tokens[1]'"))
                .body("detail", containsString("expected a string"));
        // A number or boolean where text is expected is not turned into text.
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body("{\"tokens\": [123456789012345678]}")
                .when().put("/api/setup/lever/webhook-signing-tokens")
                .then().statusCode(400)
                .body("type", equalTo("https://career.place/problems/invalid-field"))
                .body("detail", containsString("Field 'tokens[0]'"));
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body("{\"stageId\": true}")
                .when().put("/api/setup/lever/qualified-stage")
                .then().statusCode(400)
                .body("type", equalTo("https://career.place/problems/invalid-field"))
                .body("detail", containsString("Field 'stageId'"));
        given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/status")
                .then().body("signingTokenCount", equalTo(0));
    }

    @Test
    void nonJsonContentTypeGets415() {
        Organization organization = newOrganization();
        assertEquals("connected", connect(organization, newLeverAccount()));

        given().auth().oauth2(organization.adminToken()).contentType(ContentType.TEXT)
                .body(LeverSyncFixtures.QUALIFIED_STAGE)
                .when().put("/api/setup/lever/qualified-stage")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/unsupported-media-type"))
                .body("status", equalTo(415))
                .body("detail", containsString("Content-Type text/plain is not supported"))
                .body("detail", containsString("Send Content-Type: application/json."));
    }

    @Test
    void wrongMethodGets405WithAllow() {
        Organization organization = newOrganization();

        given().auth().oauth2(organization.adminToken())
                .when().delete("/api/setup/lever/qualified-stage")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", equalTo("PUT"))
                .body("type", equalTo("https://career.place/problems/method-not-allowed"))
                .body("status", equalTo(405))
                .body("detail", equalTo("DELETE is not allowed on this URL. Use PUT."));
    }

    private void setQualifiedStageAndSigningToken(Organization organization) {
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("stageId", LeverSyncFixtures.QUALIFIED_STAGE))
                .when().put("/api/setup/lever/qualified-stage")
                .then().statusCode(200);
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("tokens", List.of("signing-" + LeverSyncFixtures.shortId())))
                .when().put("/api/setup/lever/webhook-signing-tokens")
                .then().statusCode(200);
    }

    /** Queues work that is due only in an hour, so that it is still pending when the test acts. */
    private long insertPendingWork(String installationId) {
        String opportunityId = "opp-" + LeverSyncFixtures.shortId();
        return pool.preparedQuery("insert into lever_sync.work_item (installation_id, kind, dedupe_key, stream, seq,"
                        + " opportunity_id, origin_topic, payload, not_before) values ($1, 'APPLICATION_CREATED', $2,"
                        + " $3, 0, $4, 'lever.webhooks.v1', '{}'::jsonb, now() + interval '1 hour') returning id")
                .execute(Tuple.of(installationId, "test:" + opportunityId, "opportunity:" + opportunityId,
                        opportunityId))
                .await().indefinitely().iterator().next().getLong("id");
    }

    private String installationId(Organization organization) {
        return pool.preparedQuery("select id from lever_sync.installation where organization_id = $1")
                .execute(Tuple.of(organization.organizationId()))
                .await().indefinitely().iterator().next().getString("id");
    }

    private Row installationRow(String installationId) {
        return pool.preparedQuery("select * from lever_sync.installation where id = $1")
                .execute(Tuple.of(installationId)).await().indefinitely().iterator().next();
    }

    private String workItemState(long id) {
        return pool.preparedQuery("select state from lever_sync.work_item where id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getString("state");
    }

    private List<String> auditActions(Organization organization) {
        return auditColumn(organization, "action");
    }

    private List<String> auditDetails(Organization organization) {
        return auditColumn(organization, "detail");
    }

    private List<String> auditColumn(Organization organization, String column) {
        List<String> values = new ArrayList<>();
        pool.preparedQuery("select " + column + " from lever_sync.audit_log where organization_id = $1"
                        + " order by occurred_at desc, id desc")
                .execute(Tuple.of(organization.organizationId())).await().indefinitely()
                .forEach(row -> values.add(row.getString(column)));
        return values;
    }
}
