package place.career.orchestrator.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import place.career.events.Topics;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.KafkaTestClient;

/**
 * Creates the topics the service reads and writes before it starts, so that its consumers are
 * assigned partitions at once instead of after a metadata refresh.
 */
public class OrchestratorTopics implements QuarkusTestResourceLifecycleManager {

    private static final List<String> TOPICS = List.of(
            Topics.LEVER_APPLICATIONS,
            Topics.CAREERPLACE_FUNNEL_EVENTS,
            Topics.NOTIFIER_OUTCOMES,
            Topics.LEVER_INSTALLATIONS,
            Topics.FUNNEL_STATUS,
            Topics.LEVER_APPLICATIONS + Topics.DEAD_LETTER_SUFFIX,
            Topics.CAREERPLACE_FUNNEL_EVENTS + Topics.DEAD_LETTER_SUFFIX,
            Topics.NOTIFIER_OUTCOMES + Topics.DEAD_LETTER_SUFFIX,
            Topics.LEVER_INSTALLATIONS + Topics.DEAD_LETTER_SUFFIX);

    @Override
    public Map<String, String> start() {
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaBrokerResource.bootstrapServers())) {
            TOPICS.forEach(topic -> kafka.createTopic(topic, 1));
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
