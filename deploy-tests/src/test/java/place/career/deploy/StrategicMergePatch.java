package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Kubernetes strategic merge patch for the fields deploy/ patches. Objects merge key by key, a
 * null deletes a key, and lists whose Kubernetes schema declares a merge key (containers, env,
 * volumes, ports and the like) merge item by item; an item with {@code $patch: delete} removes
 * its match. Every other list is replaced whole, as Kubernetes does for lists without a merge key.
 */
final class StrategicMergePatch {

    private static final String DIRECTIVE = "$patch";

    /** Merge keys by field name, from the {@code patchMergeKey} of the Kubernetes API types. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "imagePullSecrets", "name",
            "topologySpreadConstraints", "topologyKey",
            "hostAliases", "ip");

    private StrategicMergePatch() {}

    /** Returns a patched copy of the object; the object itself is left unchanged. */
    static JsonNode apply(JsonNode object, JsonNode patch) {
        ObjectNode copy = object.deepCopy();
        mergeObject(copy, (ObjectNode) patch);
        return copy;
    }

    private static void mergeObject(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            JsonNode current = target.get(name);
            if (name.equals(DIRECTIVE)) {
                throw new UnsupportedOperationException("$patch on an object is not supported offline");
            } else if (value.isNull()) {
                target.remove(name);
            } else if (current != null && current.isObject() && value.isObject()) {
                mergeObject((ObjectNode) current, (ObjectNode) value);
            } else if (current != null && current.isArray() && value.isArray()) {
                target.set(name, mergeList(name, (ArrayNode) current, (ArrayNode) value));
            } else {
                target.set(name, withoutDirectives(value));
            }
        }
    }

    private static JsonNode mergeList(String field, ArrayNode current, ArrayNode patch) {
        String key = mergeKey(field, patch);
        if (key == null) {
            return withoutDirectives(patch);
        }
        ArrayNode merged = current.deepCopy();
        for (JsonNode item : patch) {
            int index = indexOf(merged, key, item.path(key));
            boolean delete = "delete".equals(item.path(DIRECTIVE).asText());
            if (delete) {
                if (index >= 0) {
                    merged.remove(index);
                }
            } else if (index >= 0) {
                mergeObject((ObjectNode) merged.get(index), (ObjectNode) item);
            } else {
                merged.add(withoutDirectives(item));
            }
        }
        return merged;
    }

    /** Container ports and Service ports share the field name "ports" but not the merge key. */
    private static String mergeKey(String field, ArrayNode patch) {
        if (field.equals("ports")) {
            JsonNode first = patch.path(0);
            return first.has("containerPort") ? "containerPort" : first.has("port") ? "port" : null;
        }
        return MERGE_KEYS.get(field);
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path(key).equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode withoutDirectives(JsonNode value) {
        JsonNode copy = value.deepCopy();
        if (copy.isObject()) {
            ((ObjectNode) copy).remove(DIRECTIVE);
        }
        return copy;
    }
}
