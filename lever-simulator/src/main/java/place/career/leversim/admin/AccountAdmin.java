package place.career.leversim.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import place.career.leversim.LeverSimulator;
import place.career.leversim.http.ApiException;
import place.career.leversim.http.Json;
import place.career.leversim.http.Request;
import place.career.leversim.http.Response;
import place.career.leversim.http.Router;
import place.career.leversim.state.OpportunitySnapshot;

/** {@code /_sim/accounts/...}: seeding accounts and acting on opportunities as a recruiter. */
final class AccountAdmin {

    private static final String OPPORTUNITY = "/_sim/accounts/{account}/opportunities/{id}";

    private final LeverSimulator simulator;

    AccountAdmin(LeverSimulator simulator) {
        this.simulator = simulator;
    }

    void register(Router<Request> router) {
        router.add("POST", "/_sim/accounts", (request, params) -> seed(request))
                .add("POST", "/_sim/accounts/{account}/opportunities", this::addOpportunity)
                .add("GET", OPPORTUNITY, this::getOpportunity)
                .add("DELETE", OPPORTUNITY, this::deleteOpportunity)
                .add("POST", OPPORTUNITY + "/stage", this::moveToStage)
                .add("POST", OPPORTUNITY + "/archive", this::archive)
                .add("POST", OPPORTUNITY + "/hire", this::hire)
                .add("POST", "/_sim/accounts/{account}/revoke", this::revoke);
    }

    /** Creates or extends an account from an {@link AccountSeed} body. */
    private Response seed(Request request) {
        AccountSeed seed = AccountSeeder.parse(Json.readObject(request.body()));
        ObjectNode body = Json.object().put("accountId", seed.accountId());
        ArrayNode opportunities = body.putArray("opportunities");
        AccountSeeder.seed(simulator, seed)
                .forEach(opportunity -> opportunities.add(AdminJson.opportunity(opportunity)));
        return Response.json(201, body);
    }

    private Response addOpportunity(Request request, Map<String, String> params) {
        AccountSeed.OpportunitySeed seed = read(request, AccountSeed.OpportunitySeed.class);
        return Response.json(201, AdminJson.opportunity(
                AccountSeeder.createOpportunity(simulator, params.get("account"), seed)));
    }

    private Response getOpportunity(Request request, Map<String, String> params) {
        return Response.json(200, AdminJson.opportunity(
                simulator.opportunity(params.get("account"), params.get("id"))));
    }

    private Response deleteOpportunity(Request request, Map<String, String> params) {
        simulator.deleteOpportunity(params.get("account"), params.get("id"));
        return Response.noContent();
    }

    private Response moveToStage(Request request, Map<String, String> params) {
        String stage = Json.requiredText(Json.readObject(request.body()), "stage");
        return Response.json(200, AdminJson.opportunity(
                simulator.moveToStage(params.get("account"), params.get("id"), stage)));
    }

    /** Archives with {@code reason}, or unarchives when the reason is null or missing. */
    private Response archive(Request request, Map<String, String> params) {
        String reason = Json.text(Json.readObject(request.body()), "reason");
        OpportunitySnapshot opportunity = reason == null
                ? simulator.unarchive(params.get("account"), params.get("id"))
                : simulator.archive(params.get("account"), params.get("id"), reason);
        return Response.json(200, AdminJson.opportunity(opportunity));
    }

    private Response hire(Request request, Map<String, String> params) {
        String reason = Json.text(Json.readObject(request.body()), "reason");
        return Response.json(200, AdminJson.opportunity(
                simulator.hire(params.get("account"), params.get("id"), reason)));
    }

    private Response revoke(Request request, Map<String, String> params) {
        simulator.revokeGrant(params.get("account"));
        return Response.noContent();
    }

    private static <T> T read(Request request, Class<T> type) {
        JsonNode body = Json.readObject(request.body());
        try {
            return Json.MAPPER.treeToValue(body, type);
        } catch (IOException e) {
            throw ApiException.badRequest(
                    "Invalid " + type.getSimpleName() + " body: " + e.getMessage());
        }
    }
}
