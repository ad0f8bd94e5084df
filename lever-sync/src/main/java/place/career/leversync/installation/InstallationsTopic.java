package place.career.leversync.installation;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import place.career.events.Topics;

/**
 * Makes sure lever.installations.v1 exists with {@code cleanup.policy=compact} before the first
 * installation state is sent, because a topic auto-created by a producer or consumer would keep
 * every state forever instead of the latest per installation.
 */
@ApplicationScoped
public class InstallationsTopic {

    private static final long TIMEOUT_SECONDS = 30;

    private final String bootstrapServers;
    private volatile boolean compacted;

    InstallationsTopic(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Creates the topic or switches it to compaction, once per process. */
    public Uni<Void> ensureCompacted() {
        if (compacted) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
            ensureCompactedBlocking();
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private synchronized void ensureCompactedBlocking() {
        if (compacted) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (!createCompacted(admin)) {
                compactIfNeeded(admin);
            }
            compacted = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing " + Topics.LEVER_INSTALLATIONS, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not prepare topic " + Topics.LEVER_INSTALLATIONS
                    + " at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /** Creates the topic compacted; returns false when it existed already. */
    private static boolean createCompacted(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic topic = new NewTopic(Topics.LEVER_INSTALLATIONS, Optional.empty(), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Log.infof("Created compacted topic %s", Topics.LEVER_INSTALLATIONS);
            return true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            return false;
        }
    }

    private static void compactIfNeeded(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.LEVER_INSTALLATIONS);
        ConfigEntry policy = admin.describeConfigs(List.of(resource)).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            return;
        }
        Log.warnf("Topic %s existed without compaction; switching it to cleanup.policy=compact",
                Topics.LEVER_INSTALLATIONS);
        AlterConfigOp compact = new AlterConfigOp(
                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                AlterConfigOp.OpType.SET);
        Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(resource, List.of(compact));
        admin.incrementalAlterConfigs(change).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
