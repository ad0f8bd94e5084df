package place.career.leversim;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import place.career.leversim.admin.AdminEndpoint;
import place.career.leversim.api.DataApiEndpoint;
import place.career.leversim.fault.AfterApplyFailure;
import place.career.leversim.fault.FaultInjector;
import place.career.leversim.fault.RequestPattern;
import place.career.leversim.http.RecordedRequest;
import place.career.leversim.http.RequestLog;
import place.career.leversim.http.SimulatorHandler;
import place.career.leversim.oauth.AuthorizeEndpoint;
import place.career.leversim.oauth.Consent;
import place.career.leversim.oauth.IssuedTokens;
import place.career.leversim.oauth.OAuthClient;
import place.career.leversim.oauth.TokenEndpoint;
import place.career.leversim.oauth.TokenService;
import place.career.leversim.ratelimit.RateLimiter;
import place.career.leversim.state.Account;
import place.career.leversim.state.LeverState;
import place.career.leversim.state.OpportunitySnapshot;
import place.career.leversim.state.SimClock;
import place.career.leversim.webhook.WebhookDelivery;
import place.career.leversim.webhook.WebhookDispatcher;
import place.career.leversim.webhook.WebhookSender;
import place.career.leversim.webhook.WebhookSubscription;

/**
 * Lever's OAuth server, Data API and webhooks, served over HTTP on 127.0.0.1 and driven from
 * tests through this class. All methods are thread-safe. Methods that name an unknown account,
 * user, stage, posting or opportunity throw {@link IllegalArgumentException}.
 */
public final class LeverSimulator implements AutoCloseable {

    /** Client that {@link #issueTokens(String, String, List)} binds its grants to. */
    public static final String DEFAULT_CLIENT_ID = "lever-simulator-client";
    public static final String DEFAULT_CLIENT_SECRET = "lever-simulator-secret";

    private final SimulatorServer server;
    private final String baseUrl;
    private final SimClock clock = new SimClock();
    private final Consent consent = new Consent();
    private final RateLimiter rateLimiter = new RateLimiter();
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog requestLog = new RequestLog();
    private final WebhookDispatcher webhooks;
    private final LeverState state;
    private final TokenService tokens;
    private final DataApiEndpoint dataApi;

    private LeverSimulator(SimulatorServer server) {
        this.server = server;
        this.baseUrl = "http://127.0.0.1:" + server.port();
        this.webhooks = new WebhookDispatcher(clock, webhookSender());
        this.state = new LeverState(clock, webhooks);
        this.tokens = new TokenService(clock, baseUrl + "/", apiBaseUrl() + "/");
        this.dataApi = new DataApiEndpoint(tokens, rateLimiter, state);
        registerDefaultClient();

        SimulatorHandler handler = new SimulatorHandler(faults, requestLog, clock,
                request -> tokens.accountOf(request.header("Authorization").orElse(null))
                        .orElse(null))
                .route("/v1", dataApi::handle)
                .route("/oauth/token", new TokenEndpoint(tokens)::handle)
                .route("/authorize",
                        new AuthorizeEndpoint(tokens, consent, state, apiBaseUrl() + "/")::handle)
                .route("/_sim", new AdminEndpoint(this)::handle);
        server.start(handler);
    }

    /** Starts a simulator on 127.0.0.1. Port 0 picks a free port. */
    public static LeverSimulator start(int port) {
        return new LeverSimulator(SimulatorServer.bind(port));
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Returns the Data API base {@code baseUrl() + "/v1"}. The OAuth audience is this value with a
     * trailing "/".
     */
    public String apiBaseUrl() {
        return baseUrl + "/v1";
    }

    public String tokenUrl() {
        return baseUrl + "/oauth/token";
    }

    public String authorizeUrl() {
        return baseUrl + "/authorize";
    }

    public int port() {
        return server.port();
    }

    /** Replaces the clock behind timestamps and token, code and refresh-token expiry. */
    public void setClock(Clock clock) {
        this.clock.set(clock);
    }

    // ---- Accounts and their data ----

    public Account createAccount(String accountId) {
        return state.createAccount(accountId);
    }

    /** Returns the account for direct access to its data. */
    public Account account(String accountId) {
        return state.account(accountId);
    }

    /** Adds a user with the access role "super admin", the role allowed to grant OAuth access. */
    public void addUser(String accountId, String userId, String name, String email) {
        addUser(accountId, userId, name, email, "super admin");
    }

    public void addUser(String accountId, String userId, String name, String email,
            String accessRole) {
        state.account(accountId).addUser(userId, name, email, accessRole);
    }

    /** Appends a stage to the account's pipeline. */
    public void addStage(String accountId, String stageId, String text) {
        state.account(accountId).addStage(stageId, text);
    }

    /** Adds a posting in state published, internal, closed, draft, pending or rejected. */
    public void addPosting(String accountId, String postingId, String text, String state) {
        this.state.account(accountId).addPosting(postingId, text, state);
    }

    public void setPostingConfidential(String accountId, String postingId, boolean confidential) {
        state.account(accountId).setPostingConfidential(postingId, confidential);
    }

    /** Adds an archive reason of {@code type} "hired" or "non-hired". */
    public void addArchiveReason(String accountId, String reasonId, String text, String type) {
        state.account(accountId).addArchiveReason(reasonId, text, type);
    }

    /**
     * Creates an opportunity that applied to {@code postingId} (null for none), with a new
     * application id, and sends {@code applicationCreated} to subscribed webhooks.
     */
    public OpportunitySnapshot addOpportunity(String accountId, String opportunityId, String name,
            String email, String postingId) {
        return state.account(accountId).addOpportunity(opportunityId, name, email, postingId);
    }

    /** Marks an opportunity confidential: tokens without confidential access then get 403. */
    public void setConfidential(String accountId, String opportunityId, boolean confidential) {
        state.account(accountId).setConfidential(opportunityId, confidential);
    }

    /** Moves the opportunity as a recruiter in Lever's UI would, firing candidateStageChange. */
    public OpportunitySnapshot moveToStage(String accountId, String opportunityId,
            String stageId) {
        return state.account(accountId).changeStage(opportunityId, stageId, null);
    }

    /** Archives the opportunity with any reason id, firing candidateArchiveChange. */
    public OpportunitySnapshot archive(String accountId, String opportunityId, String reasonId) {
        return state.account(accountId).setArchived(opportunityId, reasonId, false);
    }

    public OpportunitySnapshot unarchive(String accountId, String opportunityId) {
        return state.account(accountId).setArchived(opportunityId, null, false);
    }

    /** Marks the candidate hired and archives it, firing candidateHired then the archive change. */
    public OpportunitySnapshot hire(String accountId, String opportunityId, String reasonId) {
        return state.account(accountId).hire(opportunityId, reasonId);
    }

    /** Deletes the opportunity (later reads get 404), firing candidateDeleted. */
    public void deleteOpportunity(String accountId, String opportunityId) {
        state.account(accountId).deleteOpportunity(opportunityId);
    }

    public OpportunitySnapshot opportunity(String accountId, String opportunityId) {
        return state.account(accountId).opportunity(opportunityId);
    }

    /**
     * Returns every tag set the opportunity has had after a tag change, oldest first, including
     * states that lasted only between two API calls.
     */
    public List<Set<String>> tagHistory(String accountId, String opportunityId) {
        return state.account(accountId).tagHistory(opportunityId);
    }

    // ---- OAuth ----

    public void registerClient(String clientId, String clientSecret, List<String> redirectUris) {
        tokens.registerClient(new OAuthClient(clientId, clientSecret, redirectUris));
    }

    /** Makes {@code /authorize} approve every request as this user of this account. */
    public void setConsent(String accountId, String userId) {
        requireUser(accountId, userId);
        consent.approveAs(accountId, userId);
    }

    /** Makes the next {@code /authorize} redirect with error=access_denied. */
    public void denyNextConsent() {
        consent.denyNext();
    }

    /**
     * Creates a grant for the default client without the browser step and returns its tokens. A
     * refresh token comes only with the offline_access scope.
     */
    public IssuedTokens issueTokens(String accountId, String userId, List<String> scopes) {
        return issueTokens(DEFAULT_CLIENT_ID, accountId, userId, scopes);
    }

    public IssuedTokens issueTokens(String clientId, String accountId, String userId,
            List<String> scopes) {
        requireUser(accountId, userId);
        return tokens.issueDirectly(clientId, accountId, userId, scopes);
    }

    /** Revokes every grant of the account, like the admin's "Revoke Access" button in Lever. */
    public void revokeGrant(String accountId) {
        tokens.revokeGrants(accountId);
    }

    /** Expires every access token issued so far. Refresh tokens keep working. */
    public void expireAccessTokens() {
        tokens.expireAccessTokens();
    }

    /** Sets the lifetime of access tokens issued from now on (default 3600 s). */
    public void setAccessTokenLifetime(Duration lifetime) {
        tokens.setAccessTokenLifetime(lifetime);
    }

    /** Chooses JWT-shaped access tokens (default, as Lever issues) or opaque random strings. */
    public void setJwtAccessTokens(boolean jwt) {
        tokens.setJwtAccessTokens(jwt);
    }

    /** Returns the successful code exchanges and refreshes of the account's grants. */
    public int tokenExchanges(String accountId) {
        return tokens.tokenExchanges(accountId);
    }

    // ---- Rate limit ----

    /** Sets the per-account token bucket: steady rate per second and burst size. */
    public void setRateLimit(double perSecond, int burst) {
        rateLimiter.configure(perSecond, burst);
    }

    public void setRateLimitEnabled(boolean enabled) {
        rateLimiter.setEnabled(enabled);
    }

    /** Returns how many requests got 429 since start or the last {@link #reset()}. */
    public long rateLimitedCount() {
        return rateLimiter.rejectedCount();
    }

    public long rateLimitedCount(String accountId) {
        return rateLimiter.rejectedCount(accountId);
    }

    // ---- Faults ----

    /** Fails the next {@code count} requests (any path but /_sim) with {@code status}. */
    public void failNext(int count, int status) {
        faults.failNext(RequestPattern.any(), count, status);
    }

    /**
     * Fails the next {@code count} requests matching {@code method} ("*" for any) and {@code
     * pathGlob} (e.g. "/v1/opportunities/&#42;/notes") with {@code status}, without handling them.
     */
    public void failNext(String method, String pathGlob, int count, int status) {
        faults.failNext(RequestPattern.of(method, pathGlob), count, status);
    }

    /** Applies the next {@code count} matching successful requests, then fails the response. */
    public void failAfterApply(String method, String pathGlob, int count,
            AfterApplyFailure failure) {
        faults.failAfterApply(RequestPattern.of(method, pathGlob), count, failure);
    }

    /** Delays the next {@code count} matching requests by {@code delay} before handling them. */
    public void delayNext(String method, String pathGlob, int count, Duration delay) {
        faults.delayNext(RequestPattern.of(method, pathGlob), count, delay);
    }

    /** Sets how long {@link AfterApplyFailure#TIMEOUT} keeps a connection open (default 30 s). */
    public void setTimeoutHang(Duration hang) {
        faults.setTimeoutHang(hang);
    }

    public void clearFaults() {
        faults.clear();
    }

    // ---- Request log ----

    public List<RecordedRequest> requests() {
        return requestLog.entries();
    }

    /** Returns the logged requests matching {@code method} ("*" for any) and {@code pathGlob}. */
    public List<RecordedRequest> requests(String method, String pathGlob) {
        RequestPattern pattern = RequestPattern.of(method, pathGlob);
        return requestLog.entries().stream()
                .filter(entry -> pattern.matches(entry.method(), entry.path()))
                .toList();
    }

    public void clearRequests() {
        requestLog.clear();
    }

    // ---- Webhooks ----

    /** Sends {@code event} of this account to {@code url}, signed with {@code signingToken}. */
    public void subscribeWebhook(String accountId, String event, String url,
            String signingToken) {
        webhooks.subscribe(new WebhookSubscription(accountId, event, url, signingToken));
    }

    /** Sets the gaps between retries of a failed delivery. An empty list disables retries. */
    public void setWebhookRetryDelays(List<Duration> delays) {
        webhooks.setRetryDelays(delays);
    }

    /** Chooses whether envelopes carry an {@code id} (default true). */
    public void setWebhookIds(boolean includeIds) {
        webhooks.setIncludeIds(includeIds);
    }

    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Returns a sender whose {@code triggeredAt} values follow the simulator's clock. */
    public WebhookSender webhookSender() {
        return new WebhookSender(clock, Duration.ofSeconds(10));
    }

    // ---- Lifecycle ----

    /**
     * Forgets all accounts, clients, grants, tokens, consent, faults, logged requests, webhook
     * subscriptions and deliveries, and restores the default rate limit and token settings. The
     * default client stays registered. The clock is kept.
     */
    public void reset() {
        state.clear();
        tokens.reset();
        registerDefaultClient();
        consent.reset();
        rateLimiter.reset();
        faults.clear();
        requestLog.clear();
        webhooks.reset();
        dataApi.reset();
    }

    /** Stops the server at once and ends pending webhook deliveries. */
    @Override
    public void close() {
        server.stop();
        webhooks.close();
    }

    private void registerDefaultClient() {
        tokens.registerClient(
                new OAuthClient(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, List.of()));
    }

    private void requireUser(String accountId, String userId) {
        if (state.account(accountId).user(userId).isEmpty()) {
            throw new IllegalArgumentException(
                    "User " + userId + " does not exist in account " + accountId);
        }
    }
}
