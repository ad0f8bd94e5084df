package place.career.leversync.connect;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversync.ConnectFixtures.authorize;
import static place.career.leversync.ConnectFixtures.callback;
import static place.career.leversync.ConnectFixtures.connect;
import static place.career.leversync.ConnectFixtures.newLeverAccount;
import static place.career.leversync.ConnectFixtures.newOrganization;
import static place.career.leversync.ConnectFixtures.queryParameters;
import static place.career.leversync.ConnectFixtures.simulator;
import static place.career.leversync.ConnectFixtures.startConnect;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.kafka;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import place.career.events.InstallationChanged;
import place.career.events.SecretBox;
import place.career.events.Topics;
import place.career.leversync.AdminTokens;
import place.career.leversync.ConnectFixtures.LeverAccount;
import place.career.leversync.ConnectFixtures.Organization;
import place.career.leversync.ConnectFixtures;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
@QuarkusTestResource(AdminTokens.class)
class ConnectFlowTest {

    @Inject
    Pool pool;

    @Inject
    SecretBox secretBox;

    @AfterEach
    void restoreSimulator() {
        simulator().clearFaults();
        simulator().setJwtAccessTokens(true);
    }

    @Test
    void authorizeUrlCarriesLeverParametersAndHashedState() {
        Organization organization = newOrganization();

        URI authorizeUrl = URI.create(startConnect(organization));

        Map<String, String> parameters = queryParameters(authorizeUrl.getRawQuery());
        assertEquals(simulator().authorizeUrl(), authorizeUrl.getScheme() + "://" + authorizeUrl.getAuthority()
                + authorizeUrl.getPath());
        assertEquals("lever-simulator-client", parameters.get("client_id"));
        assertEquals(ConnectFixtures.REDIRECT_URI, parameters.get("redirect_uri"));
        assertEquals("code", parameters.get("response_type"));
        assertEquals(String.join(" ", AuthorizeRequests.SCOPES), parameters.get("scope"));
        assertTrue(parameters.get("scope").contains("offline_access"));
        assertEquals(simulator().apiBaseUrl() + "/", parameters.get("audience"));
        assertEquals("consent", parameters.get("prompt"));
        String state = parameters.get("state");
        assertTrue(state.matches("[A-Za-z0-9_-]{43}"), "256 random bits in base64url: " + state);
        assertEquals(0, stateRows(state).size(), "the plain state is never stored");
        Row stored = stateRows(ConnectStates.hash(state)).get(0);
        assertEquals(organization.organizationId(), stored.getString("organization_id"));
        assertEquals(organization.adminUserId(), stored.getString("user_id"));
        Duration lifetime = Duration.between(Instant.now(), stored.getOffsetDateTime("expires_at").toInstant());
        assertTrue(lifetime.compareTo(Duration.ofMinutes(9)) > 0, "lifetime " + lifetime);
        assertTrue(lifetime.compareTo(Duration.ofMinutes(10)) <= 0, "lifetime " + lifetime);
    }

    @Test
    void connectStoresSealedTokensAndAnnouncesInstallation() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();

        String result = connect(organization, account);

        assertEquals("connected", result);
        Row row = installationsOf(organization).get(0);
        String installationId = row.getString("id");
        assertEquals("CONNECTED", row.getString("status"));
        assertEquals(account.accountId(), row.getString("lever_account_id"));
        assertEquals(ConnectFixtures.LEVER_ADMIN, row.getString("perform_as"));
        assertEquals(organization.adminUserId(), row.getString("connected_by"));
        assertTrue(row.getString("access_token_sealed").startsWith("v1.test."), "access token sealed");
        assertTrue(row.getString("refresh_token_sealed").startsWith("v1.test."), "refresh token sealed");
        assertTrue(secretBox.open(row.getString("access_token_sealed")).contains("."), "Lever's JWT opens again");
        assertEquals(1, simulator().tokenExchanges(account.accountId()));
        InstallationChanged announced = kafka().awaitRecords(Topics.LEVER_INSTALLATIONS, InstallationChanged.class,
                event -> installationId.equals(event.installationId()), 1, WAIT).get(0);
        assertEquals(InstallationChanged.Status.CONNECTED, announced.status());
        assertEquals(organization.organizationId(), announced.organizationId());
        assertEquals(List.of("CONNECTED"), auditActions(organization));
    }

    @Test
    void deniedConsentStoresNothing() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        simulator().setConsent(account.accountId(), ConnectFixtures.LEVER_ADMIN);
        simulator().denyNextConsent();

        String result = callback(authorize(startConnect(organization)));

        assertEquals("access_denied", result);
        assertTrue(installationsOf(organization).isEmpty());
        assertEquals(0, simulator().tokenExchanges(account.accountId()));
        assertTrue(auditActions(organization).isEmpty());
    }

    @Test
    void reusedStateIsRejected() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        simulator().setConsent(account.accountId(), ConnectFixtures.LEVER_ADMIN);
        String callbackQuery = authorize(startConnect(organization));
        assertEquals("connected", callback(callbackQuery));

        String replay = callback(callbackQuery);

        assertEquals("invalid_state", replay);
        assertEquals(1, simulator().tokenExchanges(account.accountId()), "the code was not sent again");
        assertEquals(List.of("CONNECTED"), auditActions(organization));
    }

    @Test
    void expiredStateIsRejectedWithoutTokenExchange() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        simulator().setConsent(account.accountId(), ConnectFixtures.LEVER_ADMIN);
        String callbackQuery = authorize(startConnect(organization));
        String state = queryParameters(callbackQuery).get("state");
        pool.preparedQuery("update lever_sync.oauth_state set expires_at = now() - interval '1 second'"
                        + " where state_hash = $1")
                .execute(Tuple.of(ConnectStates.hash(state))).await().indefinitely();

        String result = callback(callbackQuery);

        assertEquals("expired_state", result);
        assertTrue(installationsOf(organization).isEmpty());
        assertEquals(0, simulator().tokenExchanges(account.accountId()));
    }

    @Test
    void unknownOrMissingStateIsRejected() {
        assertEquals("invalid_state", callback("code=some-code&state=" + "A".repeat(43)));
        assertEquals("invalid_state", callback("code=some-code"));
        assertEquals("invalid_state", callback("error=access_denied"));
    }

    @Test
    void callbackWithoutCodeIsInvalidRequest() {
        Organization organization = newOrganization();
        String state = queryParameters(URI.create(startConnect(organization)).getRawQuery()).get("state");

        String result = callback("state=" + state);

        assertEquals("invalid_request", result);
        assertTrue(installationsOf(organization).isEmpty());
    }

    @Test
    void reconnectKeepsInstallationAndSettings() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        assertEquals("connected", connect(organization, account));
        String installationId = installationsOf(organization).get(0).getString("id");
        pool.preparedQuery("update lever_sync.installation set qualified_stage_id = $2 where id = $1")
                .execute(Tuple.of(installationId, LeverSyncFixtures.QUALIFIED_STAGE)).await().indefinitely();
        String firstAccessToken = installationsOf(organization).get(0).getString("access_token_sealed");

        String result = connect(organization, account);

        assertEquals("connected", result);
        List<Row> rows = installationsOf(organization);
        assertEquals(1, rows.size());
        assertEquals(installationId, rows.get(0).getString("id"));
        assertEquals(LeverSyncFixtures.QUALIFIED_STAGE, rows.get(0).getString("qualified_stage_id"));
        assertNotEquals(firstAccessToken, rows.get(0).getString("access_token_sealed"));
        assertEquals(List.of("RECONNECTED", "CONNECTED"), auditActions(organization));
    }

    @Test
    void otherAccountRejectedUntilDisconnect() {
        Organization organization = newOrganization();
        LeverAccount first = newLeverAccount();
        LeverAccount second = newLeverAccount();
        assertEquals("connected", connect(organization, first));

        String refused = connect(organization, second);

        assertEquals("other_account_connected", refused);
        List<Row> rows = installationsOf(organization);
        assertEquals(1, rows.size());
        assertEquals(first.accountId(), rows.get(0).getString("lever_account_id"));

        given().auth().oauth2(organization.adminToken())
                .when().post("/api/setup/lever/disconnect")
                .then().statusCode(200);
        String afterDisconnect = connect(organization, second);

        assertEquals("connected", afterDisconnect);
        assertEquals(2, installationsOf(organization).size());
    }

    @Test
    void opaqueAccessTokenIsRejected() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        simulator().setJwtAccessTokens(false);

        String result = connect(organization, account);

        assertEquals("lever_account_unknown", result);
        assertTrue(installationsOf(organization).isEmpty());
    }

    @Test
    void tokenEndpointOutageGivesUnavailable() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        simulator().failNext("POST", "/oauth/token", 1, 503);

        String result = connect(organization, account);

        assertEquals("lever_unavailable", result);
        assertTrue(installationsOf(organization).isEmpty());
    }

    @Test
    void callbackRedirectCarriesNoCodeOrTokens() {
        Organization organization = newOrganization();
        LeverAccount account = newLeverAccount();
        simulator().setConsent(account.accountId(), ConnectFixtures.LEVER_ADMIN);
        String callbackQuery = authorize(startConnect(organization));
        String code = queryParameters(callbackQuery).get("code");

        String location = given().urlEncodingEnabled(false).redirects().follow(false)
                .when().get(ConnectFixtures.CALLBACK_PATH + "?" + callbackQuery)
                .then().statusCode(303)
                .header("Referrer-Policy", "no-referrer")
                .extract().header("Location");

        assertEquals("https://app.career.place/settings/integrations/lever?result=connected", location);
        assertFalse(location.contains(code));
    }

    private List<Row> stateRows(String stateHash) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select organization_id, user_id, expires_at from lever_sync.oauth_state"
                        + " where state_hash = $1")
                .execute(Tuple.of(stateHash)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    private List<Row> installationsOf(Organization organization) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select * from lever_sync.installation where organization_id = $1 order by created_at")
                .execute(Tuple.of(organization.organizationId())).await().indefinitely().forEach(rows::add);
        return rows;
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
