package place.career.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import place.career.events.Topics;

/** The Strimzi topic definitions cover every topic the code uses, with safe settings. */
class KafkaTopicsTest {

    /** Topics whose records can carry a candidate's name, e-mail or other personal data. */
    private static final Set<String> PERSONAL_DATA = Set.of(
            Topics.LEVER_APPLICATIONS, Topics.FUNNEL_STATUS, Topics.CAREERPLACE_FUNNEL_EVENTS);

    private static final long MAX_PERSONAL_RETENTION_MS = Duration.ofDays(30).toMillis();

    @Test
    void everyContractTopicIsDefined() {
        Map<String, JsonNode> defined = topicsByName(Manifests.render("kafka-topics"));

        for (String topic : contractTopics()) {
            assertTrue(defined.containsKey(topic), topic + " has no KafkaTopic");
        }
    }

    @Test
    void everyTopicTheServicesConfigureIsDefined() {
        Map<String, JsonNode> defined = topicsByName(Manifests.render("kafka-topics"));

        for (String service : Manifests.SERVICES) {
            ServiceProperties properties = new ServiceProperties(service);
            Set<String> topics = new LinkedHashSet<>(properties.channelTopics("incoming").values());
            topics.addAll(properties.channelTopics("outgoing").values());
            topics.addAll(properties.deadLetterTopics().values());
            // lever-sync's dead-letter channel sets each record's topic; its default is never written.
            topics.remove("lever-sync.dead-letters");
            for (String topic : topics) {
                assertTrue(defined.containsKey(topic), service + " uses " + topic + ", which has no KafkaTopic");
            }
        }
    }

    @Test
    void everyContractTopicHasADeadLetterTopic() {
        Map<String, JsonNode> defined = topicsByName(Manifests.render("kafka-topics"));

        for (String topic : contractTopics()) {
            assertTrue(defined.containsKey(topic + Topics.DEAD_LETTER_SUFFIX), topic + " has no dead-letter topic");
        }
    }

    @Test
    void productionTopicsSurviveOneBrokerDown() {
        for (JsonNode topic : Manifests.render("kafka-topics")) {
            String name = topic.at("/spec/topicName").asText();
            assertEquals(3, topic.at("/spec/replicas").asInt(), name);
            assertEquals(2, topic.at("/spec/config/min.insync.replicas").asInt(), name);
        }
    }

    @Test
    void localTopicsFitOneBroker() {
        for (JsonNode topic : Manifests.render("overlays/local/kafka-topics")) {
            String name = topic.at("/spec/topicName").asText();
            assertEquals(1, topic.at("/spec/replicas").asInt(), name);
            assertEquals(1, topic.at("/spec/config/min.insync.replicas").asInt(), name);
        }
    }

    @Test
    void installationsTopicIsCompacted() {
        JsonNode installations = topicsByName(Manifests.render("kafka-topics")).get(Topics.LEVER_INSTALLATIONS);

        assertEquals("compact", installations.at("/spec/config/cleanup.policy").asText());
    }

    @Test
    void personalDataExpiresWithinThirtyDays() {
        Map<String, JsonNode> defined = topicsByName(Manifests.render("kafka-topics"));

        for (String topic : PERSONAL_DATA) {
            for (String name : List.of(topic, topic + Topics.DEAD_LETTER_SUFFIX)) {
                long retention = defined.get(name).at("/spec/config/retention.ms").asLong(-1);
                assertTrue(retention > 0, name + " keeps records forever");
                assertTrue(retention <= MAX_PERSONAL_RETENTION_MS, name + " keeps records " + retention + " ms");
            }
        }
    }

    @Test
    void everyDeleteTopicHasBoundedRetention() {
        for (JsonNode topic : Manifests.render("kafka-topics")) {
            JsonNode config = topic.at("/spec/config");
            if (!"compact".equals(config.path("cleanup.policy").asText())) {
                assertTrue(config.path("retention.ms").asLong(-1) > 0,
                        topic.at("/spec/topicName").asText() + " keeps records forever");
            }
        }
    }

    /** Returns the topic names declared as constants in {@link Topics}. */
    static Set<String> contractTopics() {
        Set<String> topics = new LinkedHashSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().equals("DEAD_LETTER_SUFFIX")) {
                try {
                    topics.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return topics;
    }

    static Map<String, JsonNode> topicsByName(List<JsonNode> topics) {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode topic : topics) {
            JsonNode previous = byName.put(topic.at("/spec/topicName").asText(), topic);
            assertEquals(null, previous, "topic " + topic.at("/spec/topicName").asText() + " is defined twice");
        }
        return byName;
    }
}
