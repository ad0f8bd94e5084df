package place.career.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import place.career.events.Topics;
import place.career.localstack.KafkaBroker;
import place.career.localstack.StackTopics;

/** The topics the local stack and the end-to-end test create on their new broker. */
class StackTopicsTest {

    @Test
    void createsTopicsOnceWithPartitions(@TempDir Path dataDir) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dataDir, 0);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers()))) {
            StackTopics.create(broker.bootstrapServers());
            // A second call, as after a restart on the same data, leaves the topics as they are.
            StackTopics.create(broker.bootstrapServers());

            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.FUNNEL_STATUS,
                            Topics.LEVER_WEBHOOKS + Topics.DEAD_LETTER_SUFFIX,
                            Topics.LEVER_INSTALLATIONS + Topics.DEAD_LETTER_SUFFIX))
                    .allTopicNames().get(30, TimeUnit.SECONDS);

            assertEquals(StackTopics.PARTITIONS, topics.get(Topics.FUNNEL_STATUS).partitions().size());
            assertEquals(1, topics.get(Topics.LEVER_WEBHOOKS + Topics.DEAD_LETTER_SUFFIX).partitions().size());
            assertEquals(1, topics.get(Topics.LEVER_INSTALLATIONS + Topics.DEAD_LETTER_SUFFIX).partitions().size());
            assertFalse(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(Topics.LEVER_INSTALLATIONS));
        }
    }
}
