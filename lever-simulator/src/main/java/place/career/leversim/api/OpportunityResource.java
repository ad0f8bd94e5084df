package place.career.leversim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import place.career.leversim.http.ApiException;
import place.career.leversim.http.Json;
import place.career.leversim.http.Response;
import place.career.leversim.http.Router;
import place.career.leversim.state.Note;
import place.career.leversim.state.NoteInput;
import place.career.leversim.state.OpportunitySnapshot;

/** Opportunity endpoints: read, tags, notes, stage and archive state. */
final class OpportunityResource {

    private static final String READ = "opportunities:read:admin";
    private static final String WRITE = "opportunities:write:admin";
    private static final String NOTES_READ = "notes:read:admin";
    private static final String NOTES_WRITE = "notes:write:admin";

    private final Pagination pagination;

    OpportunityResource(Pagination pagination) {
        this.pagination = pagination;
    }

    void register(Router<ApiCall> router) {
        router.add("GET", "/v1/opportunities/{id}", this::get)
                .add("POST", "/v1/opportunities/{id}/addTags", this::addTags)
                .add("POST", "/v1/opportunities/{id}/removeTags", this::removeTags)
                .add("GET", "/v1/opportunities/{id}/notes", this::listNotes)
                .add("POST", "/v1/opportunities/{id}/notes", this::addNote)
                .add("PUT", "/v1/opportunities/{id}/stage", this::changeStage)
                .add("PUT", "/v1/opportunities/{id}/archived", this::setArchived);
    }

    // Writes imply the matching read scope here. Lever does not document that, so the simulator
    // is lenient rather than failing a client that asked only for the write scope.
    private Response get(ApiCall call, Map<String, String> params) {
        call.requireScope(READ, WRITE);
        return opportunityResponse(call, call.visibleOpportunity(params.get("id")));
    }

    private Response addTags(ApiCall call, Map<String, String> params) {
        call.requireScope(WRITE);
        String id = call.visibleOpportunity(params.get("id")).id();
        List<String> tags = tags(Json.readObject(call.request().body()));
        return opportunityResponse(call, call.account().addTags(id, tags));
    }

    private Response removeTags(ApiCall call, Map<String, String> params) {
        call.requireScope(WRITE);
        String id = call.visibleOpportunity(params.get("id")).id();
        List<String> tags = tags(Json.readObject(call.request().body()));
        return opportunityResponse(call, call.account().removeTags(id, tags));
    }

    private Response listNotes(ApiCall call, Map<String, String> params) {
        call.requireScope(NOTES_READ, NOTES_WRITE);
        String id = call.visibleOpportunity(params.get("id")).id();
        List<Note> notes = call.account().notes(id);
        return Response.json(200, pagination.page(call, notes, Note::noteId, ApiJson::note));
    }

    private Response addNote(ApiCall call, Map<String, String> params) {
        call.requireScope(NOTES_WRITE);
        String id = call.visibleOpportunity(params.get("id")).id();
        JsonNode body = Json.readObject(call.request().body());
        NoteInput input = new NoteInput(
                Json.requiredText(body, "value"),
                bool(body, "secret"),
                score(body),
                bool(body, "notifyFollowers"),
                createdAt(body),
                call.actingUserId());

        Note note = call.account().addNote(id, input);
        ObjectNode data = ApiJson.note(note);
        data.put("noteId", note.noteId());
        return Response.data(201, data);
    }

    private Response changeStage(ApiCall call, Map<String, String> params) {
        call.requireScope(WRITE);
        String id = call.visibleOpportunity(params.get("id")).id();
        String stage = Json.requiredText(Json.readObject(call.request().body()), "stage");
        return opportunityResponse(call,
                call.account().changeStage(id, stage, call.actingUserId()));
    }

    private Response setArchived(ApiCall call, Map<String, String> params) {
        call.requireScope(WRITE);
        String id = call.visibleOpportunity(params.get("id")).id();
        JsonNode body = Json.readObject(call.request().body());
        if (!body.has("reason")) {
            throw ApiException.badRequest(
                    "Missing required field reason (an archive reason id, or null to unarchive)");
        }
        String reason = Json.text(body, "reason");
        return opportunityResponse(call, call.account().setArchived(id, reason, true));
    }

    private static Response opportunityResponse(ApiCall call, OpportunitySnapshot opportunity) {
        Set<String> expand = new HashSet<>();
        call.request().params("expand")
                .forEach(value -> expand.addAll(List.of(value.split(","))));
        return Response.data(200, ApiJson.opportunity(opportunity, call.account(), expand));
    }

    private static List<String> tags(JsonNode body) {
        JsonNode tags = body.get("tags");
        if (tags == null || !tags.isArray()) {
            throw ApiException.badRequest("Field tags must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode tag : tags) {
            if (!tag.isTextual()) {
                throw ApiException.badRequest("Field tags must be an array of strings");
            }
            values.add(tag.asText());
        }
        return values;
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("Field " + field + " must be a boolean");
        }
        return value.booleanValue();
    }

    private static Integer score(JsonNode body) {
        JsonNode value = body.get("score");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw ApiException.badRequest("Field score must be an integer from 1 to 4");
        }
        return value.intValue();
    }

    private static Long createdAt(JsonNode body) {
        JsonNode value = body.get("createdAt");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw ApiException.badRequest("Field createdAt must be epoch milliseconds");
        }
        return value.longValue();
    }
}
