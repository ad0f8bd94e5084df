package place.career.leversync.installation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static place.career.leversync.ConnectFixtures.connect;
import static place.career.leversync.ConnectFixtures.newLeverAccount;
import static place.career.leversync.ConnectFixtures.newOrganization;
import static place.career.leversync.ConnectFixtures.simulator;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.awaitNotes;
import static place.career.leversync.LeverSyncFixtures.kafka;
import static place.career.leversync.LeverSyncFixtures.opportunity;
import static place.career.leversync.LeverSyncFixtures.send;
import static place.career.leversync.LeverSyncFixtures.transition;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import place.career.events.FunnelStatus;
import place.career.events.InstallationChanged;
import place.career.events.Topics;
import place.career.leversync.AdminTokens;
import place.career.leversync.ConnectFixtures.LeverAccount;
import place.career.leversync.ConnectFixtures.Organization;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

/**
 * Revocation in Lever parks an installation's work, and an OAuth reconnect of the same account
 * resumes it without repeating what was already written. Temporary token endpoint failures
 * never revoke.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
@QuarkusTestResource(AdminTokens.class)
class RevokeAndReconnectTest {

    @Inject
    Pool pool;

    @AfterEach
    void clearFaults() {
        simulator().clearFaults();
    }

    @Test
    void reconnectResumesParkedWork() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        Connected connected = connectWithQualifiedStage(organization, account);
        String opportunityId = connected.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();
        send(transition(connected, opportunityId, funnelId, 1, FunnelStatus.INVITED));
        awaitNotes(connected, opportunityId, 1);

        simulator().revokeGrant(account.accountId());
        send(transition(connected, opportunityId, funnelId, 2, FunnelStatus.IN_PROGRESS));

        await().atMost(WAIT).until(() -> "REVOKED".equals(status(organization).getString("status")));
        kafka().awaitRecords(Topics.LEVER_INSTALLATIONS, InstallationChanged.class,
                event -> connected.installationId().equals(event.installationId())
                        && event.status() == InstallationChanged.Status.REVOKED, 1, WAIT);
        assertEquals(1, status(organization).getInt("pendingWorkItems"));
        assertEquals("PENDING", workItemState(funnelId, 2));
        assertEquals(1, LeverSyncFixtures.notes(connected, opportunityId).size());

        assertEquals("connected", connect(organization, account));

        assertEquals(connected.installationId(), status(organization).getString("installationId"));
        awaitNotes(connected, opportunityId, 2);
        await().atMost(WAIT).until(() -> "DONE".equals(workItemState(funnelId, 2)));
        assertEquals(Set.of("CP-InProg"), opportunity(connected, opportunityId).tags());

        send(transition(connected, opportunityId, funnelId, 2, FunnelStatus.IN_PROGRESS));
        send(transition(connected, opportunityId, funnelId, 3, FunnelStatus.QUALIFIED));

        // The stage move is the last write of the QUALIFIED transition.
        await().atMost(WAIT).until(() -> LeverSyncFixtures.QUALIFIED_STAGE.equals(
                opportunity(connected, opportunityId).stage()));
        assertEquals(3, LeverSyncFixtures.notes(connected, opportunityId).size(), "the replayed v2 added no note");
        assertEquals(Set.of("CP-Qual"), opportunity(connected, opportunityId).tags());
        assertEquals(List.of("RECONNECTED", "REVOKED"), auditActions(organization).subList(0, 2));
    }

    @Test
    void tokenEndpointOutageNeverRevokes() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        Connected connected = connectWithQualifiedStage(organization, account);
        String opportunityId = connected.addOpportunity();
        // Lever now returns 401 for every issued token; only installations with work refresh theirs.
        simulator().expireAccessTokens();
        int tokenRequestsBefore = simulator().requests("POST", "/oauth/token").size();
        simulator().failNext("POST", "/oauth/token", 2, 503);

        send(transition(connected, opportunityId, "funnel-" + LeverSyncFixtures.shortId(), 1, FunnelStatus.INVITED));

        awaitNotes(connected, opportunityId, 1);
        assertEquals("CONNECTED", status(organization).getString("status"));
        List<Integer> statuses = simulator().requests("POST", "/oauth/token").stream().skip(tokenRequestsBefore)
                .map(request -> request.status()).toList();
        assertEquals(List.of(503, 503, 200), statuses);
        assertEquals(2, simulator().tokenExchanges(account.accountId()), "the code, then one refresh");
        assertEquals(List.of("QUALIFIED_STAGE_SET", "CONNECTED"), auditActions(organization));
    }

    @Test
    void repeated401RevokesWithoutLoop() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        Connected connected = connectWithQualifiedStage(organization, account);
        String opportunityId = connected.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();
        simulator().failNext("*", "/v1/opportunities/" + opportunityId + "**", 2, 401);

        send(transition(connected, opportunityId, funnelId, 1, FunnelStatus.INVITED));

        await().atMost(WAIT).until(() -> "REVOKED".equals(status(organization).getString("status")));
        assertEquals(2, simulator().tokenExchanges(account.accountId()), "the code, then exactly one refresh");
        assertEquals("PENDING", workItemState(funnelId, 1));
        assertEquals(2, simulator().requests("*", "/v1/opportunities/" + opportunityId + "**").size(),
                "one call, one repeat after the refresh, then nothing more");
    }

    private Connected connectWithQualifiedStage(Organization organization, LeverAccount account) {
        assertEquals("connected", connect(organization, account));
        given().auth().oauth2(organization.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("stageId", LeverSyncFixtures.QUALIFIED_STAGE))
                .when().put("/api/setup/lever/qualified-stage")
                .then().statusCode(200);
        String installationId = status(organization).getString("installationId");
        return new Connected(account.accountId(), installationId, organization.organizationId(), null);
    }

    private static JsonPath status(Organization organization) {
        return given().auth().oauth2(organization.adminToken())
                .when().get("/api/setup/lever/status")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    private String workItemState(String funnelId, int version) {
        var rows = pool.preparedQuery("select state from lever_sync.work_item where dedupe_key = $1")
                .execute(Tuple.of("transition:" + funnelId + ":" + version))
                .await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next().getString("state") : null;
    }

    private List<String> auditActions(Organization organization) {
        List<String> actions = new ArrayList<>();
        pool.preparedQuery("select action from lever_sync.audit_log where organization_id = $1"
                        + " order by occurred_at desc, id desc")
                .execute(Tuple.of(organization.organizationId())).await().indefinitely()
                .forEach(row -> actions.add(row.getString("action")));
        return actions;
    }
}
