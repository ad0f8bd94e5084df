package place.career.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import place.career.events.ApplicationEvent;
import place.career.events.EventJson;
import place.career.events.FunnelEvent;
import place.career.events.FunnelStatusChanged;
import place.career.events.InstallationChanged;
import place.career.events.NotifierOutcome;
import place.career.events.Topics;
import place.career.events.WebhookReceived;

/** docs/asyncapi.yaml describes every topic, record and producer or consumer the code has. */
class AsyncApiTest {

    private static final JsonNode DOCUMENT = YamlDocuments.readSingle(RepositoryLayout.asyncApi());

    /** The record each topic carries. */
    private static final Map<String, Class<? extends Record>> RECORD_BY_TOPIC = Map.of(
            Topics.LEVER_WEBHOOKS, WebhookReceived.class,
            Topics.LEVER_APPLICATIONS, ApplicationEvent.class,
            Topics.CAREERPLACE_FUNNEL_EVENTS, FunnelEvent.class,
            Topics.NOTIFIER_OUTCOMES, NotifierOutcome.class,
            Topics.FUNNEL_STATUS, FunnelStatusChanged.class,
            Topics.LEVER_INSTALLATIONS, InstallationChanged.class);

    private static final Set<String> PARTIES = Set.of(
            "webhook-ingress", "lever-sync", "funnel-orchestrator", "notifier", "career.place");

    @Test
    void documentIsAsyncApiThree() {
        assertTrue(DOCUMENT.path("asyncapi").asText().startsWith("3.0."), DOCUMENT.path("asyncapi").asText());
        assertFalse(DOCUMENT.at("/info/title").asText().isEmpty());
        assertFalse(DOCUMENT.at("/info/version").asText().isEmpty());
    }

    @Test
    void everyTopicIsAChannel() {
        Set<String> addresses = new TreeSet<>();
        DOCUMENT.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));

        assertEquals(new TreeSet<>(KafkaTopicsTest.contractTopics()), addresses);
        assertEquals(new TreeSet<>(RECORD_BY_TOPIC.keySet()), addresses, "record table of this test");
    }

    @Test
    void everyReferenceResolves() {
        for (String ref : DOCUMENT.findValuesAsText("$ref")) {
            assertTrue(ref.startsWith("#/"), "only local references are used: " + ref);
            assertFalse(DOCUMENT.at(ref.substring(1)).isMissingNode(), "unresolved reference " + ref);
        }
    }

    @Test
    void channelBindingsMatchKafkaTopics() {
        Map<String, JsonNode> topics = KafkaTopicsTest.topicsByName(Manifests.render("kafka-topics"));

        DOCUMENT.path("channels").forEach(channel -> {
            String address = channel.path("address").asText();
            JsonNode binding = channel.at("/bindings/kafka");
            JsonNode topic = topics.get(address);
            assertEquals(address, binding.path("topic").asText());
            assertEquals(topic.at("/spec/partitions").asInt(), binding.path("partitions").asInt(), address);
            assertEquals(topic.at("/spec/replicas").asInt(), binding.path("replicas").asInt(), address);
        });
    }

    @Test
    void payloadSchemasListTheRecordFields() {
        DOCUMENT.path("channels").forEach(channel -> {
            Class<? extends Record> record = RECORD_BY_TOPIC.get(channel.path("address").asText());
            JsonNode schema = recordPayload(channel);
            Set<String> properties = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(properties::add);
            Set<String> components = new TreeSet<>();
            for (RecordComponent component : record.getRecordComponents()) {
                components.add(component.getName());
            }

            assertEquals(components, properties, record.getSimpleName());
            for (JsonNode required : schema.path("required")) {
                assertTrue(components.contains(required.asText()), record.getSimpleName() + " " + required);
            }
        });
    }

    @Test
    void payloadTypesMatchTheRecordTypes() {
        DOCUMENT.path("channels").forEach(channel -> {
            Class<? extends Record> record = RECORD_BY_TOPIC.get(channel.path("address").asText());
            JsonNode properties = recordPayload(channel).path("properties");
            for (RecordComponent component : record.getRecordComponents()) {
                JsonNode property = resolve(properties.path(component.getName()));
                String where = record.getSimpleName() + "." + component.getName();
                assertEquals(jsonType(component.getType()), property.path("type").asText(), where);
                if (component.getType().isEnum()) {
                    assertEquals(serializedConstants(component.getType()), values(property.path("enum")), where);
                }
                if (component.getType() == Instant.class) {
                    assertEquals("date-time", property.path("format").asText(), where);
                }
            }
        });
    }

    @Test
    void operationsNameAPartyAndTheirChannelMessages() {
        DOCUMENT.path("operations").fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            String channelRef = operation.at("/channel/$ref").asText();
            assertTrue(Set.of("send", "receive").contains(operation.path("action").asText()), entry.getKey());
            assertEquals(1, operation.path("tags").size(), entry.getKey() + " must name one party");
            assertTrue(PARTIES.contains(operation.at("/tags/0/name").asText()), entry.getKey());
            for (String message : operation.path("messages").findValuesAsText("$ref")) {
                assertTrue(message.startsWith(channelRef + "/messages/"), entry.getKey() + " " + message);
            }
        });
    }

    @Test
    void everyChannelHasAProducerAndAConsumer() {
        DOCUMENT.path("channels").fieldNames().forEachRemaining(channel -> {
            List<String> actions = operationsOn(channel).stream().map(op -> op.path("action").asText()).toList();
            assertTrue(actions.contains("send"), channel + " has no producer");
            assertTrue(actions.contains("receive"), channel + " has no consumer");
        });
    }

    @Test
    void serviceChannelsAppearAsOperations() {
        for (String service : Manifests.SERVICES) {
            ServiceProperties properties = new ServiceProperties(service);
            for (String topic : properties.channelTopics("incoming").values()) {
                assertTrue(hasOperation(service, "receive", topic), service + " consumes " + topic);
            }
            for (String topic : properties.channelTopics("outgoing").values()) {
                if (RECORD_BY_TOPIC.containsKey(topic)) {
                    assertTrue(hasOperation(service, "send", topic), service + " produces " + topic);
                }
            }
        }
    }

    private static boolean hasOperation(String party, String action, String topic) {
        for (JsonNode operation : DOCUMENT.path("operations")) {
            JsonNode channel = DOCUMENT.at(operation.at("/channel/$ref").asText().substring(1));
            if (operation.path("action").asText().equals(action)
                    && operation.at("/tags/0/name").asText().equals(party)
                    && channel.path("address").asText().equals(topic)) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> operationsOn(String channel) {
        List<JsonNode> operations = new ArrayList<>();
        for (JsonNode operation : DOCUMENT.path("operations")) {
            if (operation.at("/channel/$ref").asText().equals("#/channels/" + channel)) {
                operations.add(operation);
            }
        }
        return operations;
    }

    /** Returns the payload schema of the channel's message that is not a tombstone. */
    private static JsonNode recordPayload(JsonNode channel) {
        for (JsonNode message : channel.path("messages")) {
            JsonNode payload = resolve(resolve(message).path("payload"));
            if (payload.path("type").asText().equals("object")) {
                return payload;
            }
        }
        throw new AssertionError("channel " + channel.path("address").asText() + " has no object payload");
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? DOCUMENT.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static String jsonType(Class<?> type) {
        if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (List.class.isAssignableFrom(type)) {
            return "array";
        }
        return "string";
    }

    private static Set<String> serializedConstants(Class<?> enumType) {
        Set<String> values = new LinkedHashSet<>();
        for (Object constant : enumType.getEnumConstants()) {
            values.add(EventJson.mapper().convertValue(constant, String.class));
        }
        return values;
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
