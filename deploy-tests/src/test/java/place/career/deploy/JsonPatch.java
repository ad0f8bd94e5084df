package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** JSON Patch (RFC 6902) operations add, remove and replace; others fail loudly. */
final class JsonPatch {

    private JsonPatch() {}

    /** Returns a patched copy of the document; the document itself is left unchanged. */
    static JsonNode apply(JsonNode document, ArrayNode operations) {
        JsonNode copy = document.deepCopy();
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText();
            List<String> path = parsePointer(operation.path("path").asText());
            JsonNode parent = resolve(copy, path.subList(0, path.size() - 1), operation);
            String last = path.get(path.size() - 1);
            switch (op) {
                case "add" -> add(parent, last, operation.get("value").deepCopy(), operation);
                case "remove" -> remove(parent, last, operation);
                case "replace" -> {
                    remove(parent, last, operation);
                    add(parent, last, operation.get("value").deepCopy(), operation);
                }
                default -> throw new UnsupportedOperationException(
                        "JSON patch operation '" + op + "' is not supported offline: " + operation);
            }
        }
        return copy;
    }

    /** Splits an RFC 6901 pointer into unescaped tokens. */
    static List<String> parsePointer(String pointer) {
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("JSON pointer must start with '/': " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static JsonNode resolve(JsonNode root, List<String> tokens, JsonNode operation) {
        JsonNode node = root;
        for (String token : tokens) {
            node = node.isArray() ? node.get(Integer.parseInt(token)) : node.get(token);
            if (node == null) {
                throw new IllegalArgumentException("Path does not exist: " + operation);
            }
        }
        return node;
    }

    private static void add(JsonNode parent, String token, JsonNode value, JsonNode operation) {
        if (parent.isObject()) {
            ((ObjectNode) parent).set(token, value);
        } else if (token.equals("-")) {
            ((ArrayNode) parent).add(value);
        } else {
            int index = Integer.parseInt(token);
            if (index > parent.size()) {
                throw new IllegalArgumentException("Index out of range: " + operation);
            }
            ((ArrayNode) parent).insert(index, value);
        }
    }

    private static void remove(JsonNode parent, String token, JsonNode operation) {
        if (parent.isObject()) {
            if (((ObjectNode) parent).remove(token) == null) {
                throw new IllegalArgumentException("Path does not exist: " + operation);
            }
        } else {
            int index = Integer.parseInt(token);
            if (index >= parent.size()) {
                throw new IllegalArgumentException("Index out of range: " + operation);
            }
            ((ArrayNode) parent).remove(index);
        }
    }
}
