package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of Strimzi's {@code KafkaTopic} (kafka.strimzi.io/v1beta2), which has no model class in
 * the Kubernetes client: the fields Strimzi's CRD defines, their types, and a DNS-1123 name.
 */
final class KafkaTopicSchema {

    static final String TYPE = "kafka.strimzi.io/v1beta2/KafkaTopic";

    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");
    private static final Set<String> SPEC = Set.of("topicName", "partitions", "replicas", "config");
    private static final Pattern DNS_1123 = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** Topic configs deploy/ sets, with the JSON type Kafka expects for each. */
    private static final Map<String, String> CONFIG_TYPES = Map.of(
            "cleanup.policy", "string",
            "retention.ms", "integer",
            "min.insync.replicas", "integer",
            "delete.retention.ms", "integer",
            "min.cleanable.dirty.ratio", "number",
            "segment.ms", "integer");

    private KafkaTopicSchema() {}

    static void validate(JsonNode topic, String label) {
        onlyFields(topic, TOP_LEVEL, label);
        onlyFields(topic.path("metadata"), METADATA, label + " metadata");
        onlyFields(topic.path("spec"), SPEC, label + " spec");
        String name = topic.path("metadata").path("name").asText();
        require(DNS_1123.matcher(name).matches() && name.length() <= 253,
                label + ": metadata.name must be a DNS-1123 name");
        require(!topic.path("metadata").path("labels").path("strimzi.io/cluster").asText().isEmpty(),
                label + ": label strimzi.io/cluster is required, or no Topic Operator picks it up");
        JsonNode spec = topic.path("spec");
        require(spec.path("topicName").isTextual(), label + ": spec.topicName must be a string");
        require(spec.path("partitions").isInt() && spec.get("partitions").asInt() >= 1,
                label + ": spec.partitions must be an integer of at least 1");
        require(spec.path("replicas").isInt() && spec.get("replicas").asInt() >= 1,
                label + ": spec.replicas must be an integer of at least 1");
        spec.path("config").fields().forEachRemaining(entry -> {
            String expected = CONFIG_TYPES.get(entry.getKey());
            require(expected != null, label + ": config " + entry.getKey()
                    + " is not a known topic config here; add it with its type");
            require(hasType(entry.getValue(), expected),
                    label + ": config " + entry.getKey() + " must be of type " + expected);
        });
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            default -> value.isNumber();
        };
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
