package place.career.leversim.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import place.career.leversim.http.Json;
import place.career.leversim.http.RecordedRequest;
import place.career.leversim.state.Note;
import place.career.leversim.state.OpportunitySnapshot;
import place.career.leversim.state.StageChange;
import place.career.leversim.webhook.WebhookDelivery;

/** Renders simulator state for the {@code /_sim} inspection endpoints. */
final class AdminJson {

    private AdminJson() {}

    static ObjectNode opportunity(OpportunitySnapshot o) {
        ObjectNode node = Json.object();
        node.put("id", o.id());
        node.put("name", o.name());
        node.put("contactId", o.contactId());
        node.set("emails", Json.MAPPER.valueToTree(o.emails()));

        node.put("stage", o.stage());
        ArrayNode changes = node.putArray("stageChanges");
        for (StageChange change : o.stageChanges()) {
            changes.addObject().put("toStageId", change.toStageId())
                    .put("updatedAt", change.updatedAt()).put("userId", change.userId());
        }

        node.set("tags", Json.MAPPER.valueToTree(o.tags()));
        ArrayNode notes = node.putArray("notes");
        for (Note note : o.notes()) {
            notes.addObject().put("noteId", note.noteId()).put("value", note.value())
                    .put("createdAt", note.createdAt()).put("user", note.user())
                    .put("secret", note.secret()).put("score", note.score());
        }

        if (o.archived() == null) {
            node.putNull("archived");
        } else {
            node.putObject("archived").put("reason", o.archived().reason())
                    .put("archivedAt", o.archived().archivedAt());
        }
        ArrayNode applications = node.putArray("applications");
        o.applications().forEach(application -> applications.addObject()
                .put("id", application.id()).put("postingId", application.postingId()));
        node.put("confidential", o.confidential());
        node.put("hired", o.hired());
        return node;
    }

    static ObjectNode request(RecordedRequest request) {
        return Json.object().put("time", request.time().toString())
                .put("method", request.method()).put("path", request.path())
                .put("query", request.query()).put("status", request.status())
                .put("accountId", request.accountId());
    }

    static ObjectNode delivery(WebhookDelivery delivery) {
        return Json.object().put("time", delivery.time().toString())
                .put("accountId", delivery.accountId()).put("event", delivery.event())
                .put("url", delivery.url()).put("attempt", delivery.attempt())
                .put("status", delivery.status()).put("envelopeId", delivery.envelopeId());
    }
}
