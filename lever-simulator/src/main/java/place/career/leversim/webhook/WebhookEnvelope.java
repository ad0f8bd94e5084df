package place.career.leversim.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import place.career.leversim.http.Json;

/**
 * Body of one webhook delivery. {@code id} is null when the envelope leaves it out, and {@code
 * signature} is null when the webhook has no signing token. Null fields are omitted from JSON.
 */
public record WebhookEnvelope(
        String id,
        String event,
        long triggeredAt,
        String token,
        String signature,
        Map<String, Object> data) {

    public WebhookEnvelope {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        if (id != null) {
            node.put("id", id);
        }
        node.put("event", event);
        node.put("triggeredAt", triggeredAt);
        node.put("token", token);
        if (signature != null) {
            node.put("signature", signature);
        }
        node.set("data", Json.MAPPER.valueToTree(data));
        return node;
    }

    @Override
    public String toString() {
        return "WebhookEnvelope[id=" + id + ", event=" + event + ", triggeredAt=" + triggeredAt
                + "]";
    }
}
