package place.career.leversim.api;

import java.util.Arrays;
import place.career.leversim.http.ApiException;
import place.career.leversim.http.Request;
import place.career.leversim.oauth.Caller;
import place.career.leversim.oauth.LeverScopes;
import place.career.leversim.state.Account;
import place.career.leversim.state.OpportunitySnapshot;

/**
 * Authenticated Data API request: the HTTP request, the token's caller, the caller's account and
 * the user the action is attributed to ({@code perform_as}, else the user who granted the token).
 */
record ApiCall(Request request, Caller caller, Account account, String actingUserId) {

    /** Throws 403 unless the token has at least one of the scopes. */
    void requireScope(String... anyOf) {
        if (!caller.hasAnyScope(anyOf)) {
            throw ApiException.forbidden("The access token lacks the scope "
                    + String.join(" or ", Arrays.asList(anyOf)) + " that this request needs");
        }
    }

    boolean canSeeConfidential() {
        return caller.hasAnyScope(LeverScopes.CONFIDENTIAL_ACCESS);
    }

    /**
     * Returns the opportunity, or throws 404 when it does not exist (deleted ones included) and
     * 403 when it is confidential and the token lacks confidential access.
     */
    OpportunitySnapshot visibleOpportunity(String opportunityId) {
        OpportunitySnapshot opportunity = account.findOpportunity(opportunityId)
                .orElseThrow(() -> ApiException.notFound(
                        "opportunities " + opportunityId + " was not found"));
        if (opportunity.confidential() && !canSeeConfidential()) {
            throw ApiException.forbidden("Opportunity " + opportunityId
                    + " is confidential and the access token lacks "
                    + LeverScopes.CONFIDENTIAL_ACCESS);
        }
        return opportunity;
    }
}
