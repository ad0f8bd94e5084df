package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Checks of the Prometheus Operator's {@code PrometheusRule} (monitoring.coreos.com/v1), which has
 * no model class in the Kubernetes client: the fields of its CRD that deploy/ uses, and their types.
 */
final class PrometheusRuleSchema {

    static final String TYPE = "monitoring.coreos.com/v1/PrometheusRule";

    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");
    private static final Set<String> GROUP = Set.of("name", "interval", "rules");
    private static final Set<String> RULE = Set.of("alert", "record", "expr", "for", "labels", "annotations");

    private PrometheusRuleSchema() {}

    static void validate(JsonNode object, String label) {
        onlyFields(object, TOP_LEVEL, label);
        onlyFields(object.path("metadata"), METADATA, label + " metadata");
        onlyFields(object.path("spec"), Set.of("groups"), label + " spec");
        require(object.at("/spec/groups").isArray(), label + ": spec.groups must be a list");
        for (JsonNode group : object.at("/spec/groups")) {
            String where = label + " group " + group.path("name").asText("<no name>");
            onlyFields(group, GROUP, where);
            require(group.path("name").isTextual(), where + ": name is required");
            require(group.path("rules").isArray(), where + ": rules must be a list");
            for (JsonNode rule : group.path("rules")) {
                String ruleName = where + " rule " + rule.path("alert").asText(rule.path("record").asText());
                onlyFields(rule, RULE, ruleName);
                require(rule.has("alert") != rule.has("record"), ruleName + ": needs alert or record");
                require(rule.path("expr").isTextual(), ruleName + ": expr must be a string");
                require(!rule.has("for") || rule.get("for").asText().matches("\\d+[smhdwy]"),
                        ruleName + ": for must be a duration such as 5m");
                stringMap(rule.path("labels"), ruleName + " labels");
                stringMap(rule.path("annotations"), ruleName + " annotations");
            }
        }
    }

    private static void stringMap(JsonNode map, String label) {
        map.fields().forEachRemaining(entry ->
                require(entry.getValue().isTextual(), label + ": " + entry.getKey() + " must be a string"));
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String label) {
        node.fieldNames().forEachRemaining(field ->
                require(allowed.contains(field), label + ": unknown field '" + field + "'"));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
