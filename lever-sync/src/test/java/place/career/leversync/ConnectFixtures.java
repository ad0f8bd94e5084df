package place.career.leversync;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import place.career.leversim.LeverSimulator;
import place.career.testsupport.LeverSimulatorResource;

/**
 * The OAuth connect as an admin's browser goes through it: lever-sync's connect endpoint, the
 * simulator's consent page (which approves as the account's signed-in super admin) and the
 * callback. Fake data only.
 */
public final class ConnectFixtures {

    /** Callback URI registered with the simulator; equals the default of lever.oauth.redirect-uri. */
    public static final String REDIRECT_URI = "http://127.0.0.1:8083/api/integrations/lever/oauth/callback";
    public static final String CALLBACK_PATH = "/api/integrations/lever/oauth/callback";
    public static final String LEVER_ADMIN = "user-super-admin";

    private static final HttpClient BROWSER = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private ConnectFixtures() {}

    /** A career.place organisation and its admin. */
    public record Organization(String organizationId, String adminUserId) {

        /** Returns a bearer token of the organisation's admin. */
        public String adminToken() {
            return AdminTokens.admin(organizationId, adminUserId);
        }
    }

    /** A Lever account with a super admin, two stages and a published posting. */
    public record LeverAccount(String accountId) {}

    public static Organization newOrganization() {
        return new Organization("org-" + LeverSyncFixtures.shortId(), "cp-admin-" + LeverSyncFixtures.shortId());
    }

    /** Creates a simulator account and registers lever-sync's callback with the simulator's client. */
    public static LeverAccount newLeverAccount() {
        LeverSimulator simulator = simulator();
        String accountId = "acct-" + LeverSyncFixtures.shortId();
        simulator.createAccount(accountId);
        simulator.addUser(accountId, LEVER_ADMIN, "Lever Super Admin", "admin." + accountId + "@example.com");
        simulator.addStage(accountId, LeverSyncFixtures.FIRST_STAGE, "New applicant");
        simulator.addStage(accountId, LeverSyncFixtures.QUALIFIED_STAGE, "Qualified by career.place");
        simulator.addPosting(accountId, LeverSyncFixtures.POSTING, "Ingénieure backend", "published");
        simulator.registerClient(LeverSimulator.DEFAULT_CLIENT_ID, LeverSimulator.DEFAULT_CLIENT_SECRET,
                List.of(REDIRECT_URI));
        return new LeverAccount(accountId);
    }

    /** Runs the whole connect with the account's super admin approving; returns the result parameter. */
    public static String connect(Organization organization, LeverAccount account) {
        simulator().setConsent(account.accountId(), LEVER_ADMIN);
        return callback(authorize(startConnect(organization)));
    }

    /** Starts a connect as the organisation's admin and returns Lever's authorize URL. */
    public static String startConnect(Organization organization) {
        return given().auth().oauth2(organization.adminToken())
                .when().post("/api/setup/lever/connect")
                .then().statusCode(200)
                .extract().path("authorizeUrl");
    }

    /**
     * Opens the authorize URL as a browser would and returns the query string of the simulator's
     * redirect to the registered callback URI.
     */
    public static String authorize(String authorizeUrl) {
        try {
            HttpResponse<String> response = BROWSER.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, response.statusCode(), "authorize answered " + response.body());
            String location = response.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(REDIRECT_URI + "?"), location);
            return location.substring(REDIRECT_URI.length() + 1);
        } catch (IOException e) {
            throw new IllegalStateException("Could not reach the simulator's authorize endpoint", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a callback query to lever-sync, which listens on the test port rather than the port of
     * the registered URI, and returns the {@code result} parameter of its redirect.
     */
    public static String callback(String query) {
        String location = given().urlEncodingEnabled(false).redirects().follow(false)
                .when().get(CALLBACK_PATH + "?" + query)
                .then().statusCode(303)
                .header("Cache-Control", "no-store")
                .extract().header("Location");
        assertTrue(location.startsWith("https://app.career.place/settings/integrations/lever?"), location);
        return queryParameters(URI.create(location).getRawQuery()).get("result");
    }

    /** Splits a query string into decoded parameters. */
    public static Map<String, String> queryParameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }

    public static LeverSimulator simulator() {
        return LeverSimulatorResource.simulator();
    }
}
