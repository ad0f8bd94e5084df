package place.career.leversim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import place.career.leversim.http.Json;
import place.career.leversim.state.Account;
import place.career.leversim.state.Application;
import place.career.leversim.state.ArchiveReason;
import place.career.leversim.state.Note;
import place.career.leversim.state.OpportunitySnapshot;
import place.career.leversim.state.Posting;
import place.career.leversim.state.Stage;
import place.career.leversim.state.StageChange;
import place.career.leversim.state.User;

/**
 * Renders state objects in the JSON shape of Lever's Data API. Fields the simulator does not
 * model (phones, sources, owner, followers and the like) are present with empty values so that
 * clients see the full shape.
 */
final class ApiJson {

    private static final String HIRE_URL = "https://hire.lever.co/candidates";

    private ApiJson() {}

    /** Renders an opportunity. {@code expand} may contain "applications" and "stage". */
    static ObjectNode opportunity(OpportunitySnapshot o, Account account, Set<String> expand) {
        ObjectNode node = Json.object();
        node.put("id", o.id());
        node.put("name", o.name());
        node.put("headline", "");
        node.put("contact", o.contactId());
        node.set("emails", strings(o.emails()));
        node.set("phones", Json.array());
        node.put("confidentiality", o.confidential() ? "confidential" : "non-confidential");
        node.putNull("location");
        node.set("links", Json.array());
        node.set("archived", archived(o));

        if (expand.contains("stage") && o.stage() != null) {
            node.set("stage", account.stage(o.stage()).map(ApiJson::stage).orElse(null));
        } else {
            node.put("stage", o.stage());
        }
        ArrayNode stageChanges = node.putArray("stageChanges");
        o.stageChanges().forEach(change -> stageChanges.add(stageChange(change)));

        node.set("tags", strings(o.tags()));
        node.set("sources", Json.array());
        node.put("origin", "applied");
        node.putNull("sourcedBy");
        node.putNull("owner");
        node.set("followers", Json.array());

        ArrayNode applications = node.putArray("applications");
        for (Application application : o.applications()) {
            if (expand.contains("applications")) {
                applications.add(application(application, o));
            } else {
                applications.add(application.id());
            }
        }

        node.put("createdAt", o.createdAt());
        node.put("updatedAt", o.updatedAt());
        node.put("lastInteractionAt", o.updatedAt());
        o.stageChanges().stream().reduce((first, second) -> second).ifPresentOrElse(
                last -> node.put("lastAdvancedAt", last.updatedAt()),
                () -> node.put("lastAdvancedAt", o.createdAt()));
        node.putNull("snoozedUntil");
        node.putObject("urls").put("list", HIRE_URL).put("show", HIRE_URL + "/" + o.id());
        node.put("isAnonymized", false);
        node.putNull("dataProtection");
        return node;
    }

    static ObjectNode application(Application application, OpportunitySnapshot o) {
        ObjectNode node = Json.object();
        node.put("id", application.id());
        node.put("type", application.postingId() == null ? "user" : "posting");
        node.put("opportunityId", o.id());
        node.put("candidateId", o.id());
        node.put("posting", application.postingId());
        node.putNull("postingHiringManager");
        node.putNull("postingOwner");
        node.put("name", o.name());
        node.put("email", o.emails().isEmpty() ? null : o.emails().get(0));
        node.putNull("phone");
        node.putNull("user");
        node.put("createdAt", application.createdAt());
        node.putNull("archived");
        node.putNull("requisitionForHire");
        return node;
    }

    /** Renders a note, whose text Lever puts in a single field of type "note". */
    static ObjectNode note(Note note) {
        ObjectNode node = Json.object();
        node.put("id", note.noteId());
        node.put("text", "Note");
        ObjectNode field = node.putArray("fields").addObject();
        field.put("type", "note");
        field.put("text", "Note");
        field.put("value", note.value());
        field.put("createdAt", note.createdAt());
        field.put("user", note.user());
        field.put("score", note.score());
        field.put("stage", note.stage());
        node.put("user", note.user());
        node.put("secret", note.secret());
        node.put("score", note.score());
        node.put("stage", note.stage());
        node.put("notifyFollowers", note.notifyFollowers());
        node.put("createdAt", note.createdAt());
        node.put("completedAt", note.createdAt());
        node.putNull("deletedAt");
        return node;
    }

    static ObjectNode stage(Stage stage) {
        return Json.object().put("id", stage.id()).put("text", stage.text());
    }

    static ObjectNode posting(Posting posting, String accountId) {
        ObjectNode node = Json.object();
        node.put("id", posting.id());
        node.put("text", posting.text());
        node.put("state", posting.state());
        ArrayNode channels = node.putArray("distributionChannels");
        if (posting.state().equals("published")) {
            channels.add("public");
        }
        channels.add("internal");
        node.put("confidentiality", posting.confidential() ? "confidential" : "non-confidential");
        node.putNull("user");
        node.putNull("owner");
        node.putNull("hiringManager");
        node.putObject("categories").putNull("team").putNull("department").putNull("location")
                .putNull("commitment");
        node.set("tags", Json.array());
        node.put("createdAt", posting.createdAt());
        node.put("updatedAt", posting.updatedAt());
        String show = "https://jobs.lever.co/" + accountId + "/" + posting.id();
        node.putObject("urls").put("list", "https://jobs.lever.co/" + accountId)
                .put("show", show).put("apply", show + "/apply");
        return node;
    }

    static ObjectNode user(User user) {
        ObjectNode node = Json.object();
        node.put("id", user.id());
        node.put("name", user.name());
        node.put("username", username(user.email()));
        node.put("email", user.email());
        node.put("accessRole", user.accessRole());
        node.putNull("photo");
        node.put("createdAt", user.createdAt());
        node.putNull("deactivatedAt");
        node.putNull("externalDirectoryId");
        return node;
    }

    static ObjectNode archiveReason(ArchiveReason reason) {
        return Json.object().put("id", reason.id()).put("text", reason.text())
                .put("status", "active").put("type", reason.type());
    }

    /** Returns the part of the e-mail address before the @, which Lever shows as username. */
    private static String username(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }

    private static JsonNode archived(OpportunitySnapshot o) {
        if (o.archived() == null) {
            return Json.MAPPER.nullNode();
        }
        return Json.object().put("reason", o.archived().reason())
                .put("archivedAt", o.archived().archivedAt());
    }

    private static ObjectNode stageChange(StageChange change) {
        return Json.object().put("toStageId", change.toStageId())
                .put("toStageIndex", change.toStageIndex())
                .put("updatedAt", change.updatedAt())
                .put("userId", change.userId());
    }

    private static ArrayNode strings(Iterable<String> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
    }
}
