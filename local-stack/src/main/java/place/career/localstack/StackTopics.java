package place.career.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import place.career.events.Topics;

/**
 * Creates the event topics on a new local broker before the services start, as the Kubernetes
 * manifests do in production, so that no consumer starts on a missing topic. Each topic gets a few
 * partitions, so records of different candidates really are spread as in production.
 *
 * <p>lever.installations.v1 is left out: lever-sync creates it compacted at start.
 */
public final class StackTopics {

    /** Partitions of each event topic: fewer than production's 12, but more than one. */
    public static final int PARTITIONS = 3;

    static final List<String> EVENT_TOPICS = List.of(Topics.LEVER_WEBHOOKS, Topics.LEVER_APPLICATIONS,
            Topics.CAREERPLACE_FUNNEL_EVENTS, Topics.NOTIFIER_OUTCOMES, Topics.FUNNEL_STATUS);

    private static final long TIMEOUT_SECONDS = 30;

    private StackTopics() {
    }

    /**
     * Creates the event topics and their dead-letter topics. Topics that exist already stay as
     * they are, so a broker restarted on its old data keeps its topics.
     *
     * @throws IllegalStateException when the broker does not create them within 30 seconds
     */
    public static void create(String bootstrapServers) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : EVENT_TOPICS) {
            topics.add(new NewTopic(topic, PARTITIONS, (short) 1));
            topics.add(new NewTopic(topic + Topics.DEAD_LETTER_SUFFIX, 1, (short) 1));
        }
        topics.add(new NewTopic(Topics.LEVER_INSTALLATIONS + Topics.DEAD_LETTER_SUFFIX, 1, (short) 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var results = admin.createTopics(topics).values();
            for (var result : results.entrySet()) {
                try {
                    result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + result.getKey() + " on "
                                + bootstrapServers + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics on " + bootstrapServers, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Creating topics on " + bootstrapServers + " timed out after "
                    + TIMEOUT_SECONDS + " s; see the broker's log", e);
        }
    }
}
