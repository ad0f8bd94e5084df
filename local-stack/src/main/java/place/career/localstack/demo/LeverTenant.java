package place.career.localstack.demo;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import place.career.leversim.LeverSimulator;
import place.career.leversim.state.OpportunitySnapshot;
import place.career.leversim.webhook.WebhookEnvelope;
import place.career.leversim.webhook.WebhookPayloads;

/**
 * One career.place organisation connected to one Lever account of the simulator: the account with
 * its stages and postings, the installation in lever-sync, and one job linked to one posting.
 * Every id carries a random suffix, so tenants never see each other's data.
 */
public final class LeverTenant {

    /** Addresses of the running services the tenant talks to. */
    public record Endpoints(String webhookUrl, String leverSyncUrl, String orchestratorUrl) {}

    /** Issues an org-admin bearer token for an organisation and user. */
    @FunctionalInterface
    public interface AdminTokens {
        String issue(String organizationId, String userId);
    }

    /** Path of lever-sync's OAuth callback, which the simulator's client must have registered. */
    public static final String OAUTH_CALLBACK_PATH = "/api/integrations/lever/oauth/callback";
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(60);

    public final String suffix = UUID.randomUUID().toString().substring(0, 8);
    public final String accountId = "acct-" + suffix;
    public final String organizationId = "org-" + suffix;
    public final String adminUserId = "user-" + suffix;
    public final String qualifiedStageId = "stage-qualified-" + suffix;
    public final String linkedPostingId = "posting-linked-" + suffix;
    public final String unlinkedPostingId = "posting-unlinked-" + suffix;
    public final String jobId = "job-" + suffix;
    private final String signingToken = "signing-" + UUID.randomUUID();
    private String installationId;

    private final LeverSimulator simulator;
    private final Endpoints endpoints;

    private LeverTenant(LeverSimulator simulator, Endpoints endpoints) {
        this.simulator = simulator;
        this.endpoints = endpoints;
    }

    /**
     * Creates the Lever account, connects it to lever-sync through the OAuth flow, waits until
     * webhook-ingress verifies its signatures, and links one career.place job to one posting.
     */
    public static LeverTenant connect(LeverSimulator simulator, Endpoints endpoints,
            AdminTokens tokens) {
        LeverTenant tenant = new LeverTenant(simulator, endpoints);
        tenant.seedLeverAccount();
        tenant.installInLeverSync(tokens);
        tenant.awaitWebhookVerification();
        tenant.linkJob(tokens);
        return tenant;
    }

    public String installationId() {
        return installationId;
    }

    private void seedLeverAccount() {
        simulator.createAccount(accountId);
        simulator.addUser(accountId, adminUserId, "Integration Admin", adminUserId + "@example.com");
        simulator.addStage(accountId, "applicant-new", "New applicant");
        simulator.addStage(accountId, qualifiedStageId, "career.place qualified");
        simulator.addPosting(accountId, linkedPostingId, "Backend Engineer", "published");
        simulator.addPosting(accountId, unlinkedPostingId, "Office Manager", "published");
    }

    /**
     * Connects the account the way an admin does: lever-sync returns Lever's authorize URL, the
     * simulator approves as the account's Super Admin and redirects to lever-sync's callback, and
     * the callback redirects to the settings page with {@code result=connected}. The qualified
     * stage and the webhook signing token are then saved through the setup API.
     */
    private void installInLeverSync(AdminTokens tokens) {
        String callback = endpoints.leverSyncUrl() + OAUTH_CALLBACK_PATH;
        simulator.registerClient(LeverSimulator.DEFAULT_CLIENT_ID,
                LeverSimulator.DEFAULT_CLIENT_SECRET, List.of(callback));
        simulator.setConsent(accountId, adminUserId);
        String bearer = tokens.issue(organizationId, adminUserId);
        String setup = endpoints.leverSyncUrl() + "/api/setup/lever";

        String authorizeUrl = JsonHttp.sendOk("POST", setup + "/connect", bearer, null)
                .path("authorizeUrl").asText();
        String callbackUrl = redirectTarget(JsonHttp.send("GET", authorizeUrl, null, null));
        if (!callbackUrl.startsWith(callback + "?")) {
            throw new IllegalStateException("Lever's consent redirected to " + callbackUrl
                    + " instead of lever-sync's callback " + callback);
        }
        String settingsUrl = redirectTarget(JsonHttp.send("GET", callbackUrl, null, null));
        if (!settingsUrl.contains("result=connected")) {
            throw new IllegalStateException("The connect flow ended at " + settingsUrl
                    + " instead of result=connected; see lever-sync's log");
        }

        installationId = JsonHttp.sendOk("GET", setup + "/status", bearer, null)
                .path("installationId").asText();
        JsonHttp.sendOk("PUT", setup + "/qualified-stage", bearer,
                Map.of("stageId", qualifiedStageId));
        JsonHttp.sendOk("PUT", setup + "/webhook-signing-tokens", bearer,
                Map.of("tokens", List.of(signingToken)));
    }

    /** Returns the Location of a 3xx response, or fails with its status and body. */
    private static String redirectTarget(HttpResponse<String> response) {
        return response.headers().firstValue("Location")
                .filter(location -> response.statusCode() / 100 == 3)
                .orElseThrow(() -> new IllegalStateException("Expected a redirect from "
                        + response.uri() + " but got " + response.statusCode() + ": "
                        + response.body()));
    }

    /** Sends Lever's "Verify Connection" request until the ingress has learnt the installation. */
    private void awaitWebhookVerification() {
        Poll.until("webhook-ingress to accept the installation's signature", VERIFY_TIMEOUT,
                () -> simulator.webhookSender().send(endpoints.webhookUrl(), signingToken,
                        WebhookPayloads.CANDIDATE_HIRED, Map.of()),
                status -> status == 200);
    }

    /**
     * Links the job, retrying while the orchestrator returns 404, because it learns of a new
     * installation from the installations topic a moment after lever-sync created it.
     */
    private void linkJob(AdminTokens tokens) {
        var body = Map.of("installationId", installationId, "postingId", linkedPostingId,
                "jobTitle", "Backend Engineer");
        String url = endpoints.orchestratorUrl() + "/api/setup/job-links/" + jobId;
        String bearer = tokens.issue(organizationId, adminUserId);
        var response = Poll.until("funnel-orchestrator to accept the job link", VERIFY_TIMEOUT,
                () -> JsonHttp.send("PUT", url, bearer, body),
                answer -> answer.statusCode() != 404);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + url + " returned " + response.statusCode()
                    + ": " + response.body());
        }
    }

    /** Creates an applicant in Lever for a posting. */
    public OpportunitySnapshot apply(String name, String email, String postingId) {
        String opportunityId = "opp-" + UUID.randomUUID();
        return simulator.addOpportunity(accountId, opportunityId, name, email, postingId);
    }

    /** Builds Lever's applicationCreated delivery for an opportunity, signed with our token. */
    public WebhookEnvelope applicationCreated(OpportunitySnapshot opportunity) {
        return simulator.webhookSender().envelope(signingToken,
                WebhookPayloads.APPLICATION_CREATED, WebhookPayloads.applicationCreated(opportunity),
                true);
    }

    /** Posts a delivery to the ingress and returns the HTTP status. */
    public int deliver(WebhookEnvelope envelope) {
        return simulator.webhookSender().deliver(endpoints.webhookUrl(), envelope);
    }

    /** Returns the opportunity as the simulator stores it now. */
    public OpportunitySnapshot opportunity(String opportunityId) {
        return simulator.opportunity(accountId, opportunityId);
    }
}
