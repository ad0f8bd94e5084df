package place.career.leversim.api;

import java.util.Optional;
import place.career.leversim.http.ApiException;
import place.career.leversim.http.Request;
import place.career.leversim.http.Response;
import place.career.leversim.http.Router;
import place.career.leversim.oauth.Caller;
import place.career.leversim.oauth.TokenService;
import place.career.leversim.ratelimit.RateLimiter;
import place.career.leversim.state.Account;
import place.career.leversim.state.InvalidRequestException;
import place.career.leversim.state.LeverState;
import place.career.leversim.state.ResourceNotFoundException;

/**
 * Lever's Data API under {@code /v1}. Each request is authenticated (401), then counted against
 * the account's rate limit (429), then checked for a valid {@code perform_as} (400), then routed.
 * Each route checks its own scope (403).
 */
public final class DataApiEndpoint {

    private final TokenService tokens;
    private final RateLimiter rateLimiter;
    private final LeverState state;
    private final Pagination pagination = new Pagination();
    private final Router<ApiCall> router = new Router<>();

    public DataApiEndpoint(TokenService tokens, RateLimiter rateLimiter, LeverState state) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.state = state;
        new OpportunityResource(pagination).register(router);
        new CatalogResource(pagination).register(router);
    }

    public Response handle(Request request) {
        String authorization = request.header("Authorization").orElse(null);
        Caller caller;
        try {
            caller = tokens.authenticate(authorization);
        } catch (ApiException e) {
            return e.toResponse().forAccount(tokens.accountOf(authorization).orElse(null));
        }
        String accountId = caller.accountId();
        if (!rateLimiter.tryAcquire(accountId)) {
            return ApiException.tooManyRequests().toResponse().forAccount(accountId);
        }
        try {
            Account account = state.find(accountId).orElseThrow(() -> ApiException.unauthorized(
                    "The account of this access token no longer exists"));
            ApiCall call = new ApiCall(request, caller, account, actingUser(request, caller,
                    account));
            return router.dispatch(request.method(), request.path(), call).forAccount(accountId);
        } catch (ApiException e) {
            return e.toResponse().forAccount(accountId);
        } catch (ResourceNotFoundException e) {
            // An object deleted between the lookup and the change.
            return ApiException.notFound(e.getMessage()).toResponse().forAccount(accountId);
        } catch (InvalidRequestException e) {
            return ApiException.badRequest(e.getMessage()).toResponse().forAccount(accountId);
        }
    }

    /** Forgets the pagination cursors handed out so far. */
    public void reset() {
        pagination.clear();
    }

    private static String actingUser(Request request, Caller caller, Account account) {
        Optional<String> performAs = request.param("perform_as");
        if (performAs.isEmpty()) {
            // NOTE: Lever does not document whom an omitted perform_as means under OAuth, so
            // the simulator attributes the action to the admin who granted the token.
            return caller.userId();
        }
        String userId = performAs.get();
        if (account.user(userId).isEmpty()) {
            throw ApiException.badRequest(
                    "perform_as " + userId + " is not a user of this Lever account");
        }
        return userId;
    }
}
