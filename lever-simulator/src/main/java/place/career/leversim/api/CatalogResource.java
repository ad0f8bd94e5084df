package place.career.leversim.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import place.career.leversim.http.ApiException;
import place.career.leversim.http.Response;
import place.career.leversim.http.Router;
import place.career.leversim.state.ArchiveReason;
import place.career.leversim.state.Posting;
import place.career.leversim.state.Stage;
import place.career.leversim.state.User;

/** Read-only account data: stages, postings, users and archive reasons. */
final class CatalogResource {

    private static final Set<String> CONFIDENTIALITY =
            Set.of("confidential", "non-confidential", "all");

    private final Pagination pagination;

    CatalogResource(Pagination pagination) {
        this.pagination = pagination;
    }

    void register(Router<ApiCall> router) {
        router.add("GET", "/v1/stages", this::listStages)
                .add("GET", "/v1/stages/{id}", this::getStage)
                .add("GET", "/v1/postings", this::listPostings)
                .add("GET", "/v1/postings/{id}", this::getPosting)
                .add("GET", "/v1/users", this::listUsers)
                .add("GET", "/v1/users/{id}", this::getUser)
                .add("GET", "/v1/archive_reasons", this::listArchiveReasons);
    }

    private Response listStages(ApiCall call, Map<String, String> params) {
        call.requireScope("stages:read:admin");
        List<Stage> stages = call.account().stages();
        return Response.json(200, pagination.page(call, stages, Stage::id, ApiJson::stage));
    }

    private Response getStage(ApiCall call, Map<String, String> params) {
        call.requireScope("stages:read:admin");
        Stage stage = call.account().stage(params.get("id"))
                .orElseThrow(() -> notFound("stages", params.get("id")));
        return Response.data(200, ApiJson.stage(stage));
    }

    /**
     * Lists postings, filtered by {@code state} (repeatable) and {@code confidentiality} (default
     * non-confidential). Confidential postings are left out unless the token has confidential
     * access, even when the filter requests them.
     */
    private Response listPostings(ApiCall call, Map<String, String> params) {
        call.requireScope("postings:read:admin", "postings:write:admin");
        List<String> states = call.request().params("state");
        for (String state : states) {
            if (!Posting.STATES.contains(state)) {
                throw ApiException.badRequest(
                        "Invalid state " + state + ", expected one of " + Posting.STATES);
            }
        }
        String confidentiality = call.request().param("confidentiality")
                .orElse("non-confidential");
        if (!CONFIDENTIALITY.contains(confidentiality)) {
            throw ApiException.badRequest("Invalid confidentiality " + confidentiality
                    + ", expected one of " + CONFIDENTIALITY);
        }
        List<Posting> postings = call.account().postings().stream()
                .filter(posting -> states.isEmpty() || states.contains(posting.state()))
                .filter(posting -> matchesConfidentiality(posting, confidentiality))
                .filter(posting -> !posting.confidential() || call.canSeeConfidential())
                .toList();
        String accountId = call.account().id();
        return Response.json(200, pagination.page(call, postings, Posting::id,
                posting -> ApiJson.posting(posting, accountId)));
    }

    private Response getPosting(ApiCall call, Map<String, String> params) {
        call.requireScope("postings:read:admin", "postings:write:admin");
        Posting posting = call.account().posting(params.get("id"))
                .orElseThrow(() -> notFound("postings", params.get("id")));
        if (posting.confidential() && !call.canSeeConfidential()) {
            throw ApiException.forbidden("Posting " + posting.id()
                    + " is confidential and the access token lacks confidential access");
        }
        return Response.data(200, ApiJson.posting(posting, call.account().id()));
    }

    /** Lists users, optionally only the one whose e-mail equals {@code email} ignoring case. */
    private Response listUsers(ApiCall call, Map<String, String> params) {
        call.requireScope("users:read:admin", "users:write:admin");
        String email = call.request().param("email").orElse(null);
        List<User> users = call.account().users().stream()
                .filter(user -> email == null || email.equalsIgnoreCase(user.email()))
                .toList();
        return Response.json(200, pagination.page(call, users, User::id, ApiJson::user));
    }

    private Response getUser(ApiCall call, Map<String, String> params) {
        call.requireScope("users:read:admin", "users:write:admin");
        User user = call.account().user(params.get("id"))
                .orElseThrow(() -> notFound("users", params.get("id")));
        return Response.data(200, ApiJson.user(user));
    }

    private Response listArchiveReasons(ApiCall call, Map<String, String> params) {
        call.requireScope("archive_reasons:read:admin");
        String type = call.request().param("type").orElse(null);
        List<ArchiveReason> reasons = call.account().archiveReasons().stream()
                .filter(reason -> type == null || type.equals(reason.type()))
                .toList();
        return Response.json(200,
                pagination.page(call, reasons, ArchiveReason::id, ApiJson::archiveReason));
    }

    private static boolean matchesConfidentiality(Posting posting, String filter) {
        return switch (filter) {
            case "confidential" -> posting.confidential();
            case "non-confidential" -> !posting.confidential();
            default -> true;
        };
    }

    private static ApiException notFound(String resource, String id) {
        return ApiException.notFound(resource + " " + id + " was not found");
    }
}
