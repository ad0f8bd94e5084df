package place.career.leversync.installation;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import place.career.events.EventJson;
import place.career.events.InstallationChanged;

/**
 * Announces installation changes on the compacted topic lever.installations.v1 (transactional
 * outbox). A change first raises the row's state version. This publisher sends the row as it is
 * then and records the acknowledged version. Rows stay locked while they are sent, so replicas
 * never publish an older state after a newer one.
 */
@ApplicationScoped
public class InstallationPublisher {

    private static final int BATCH_SIZE = 50;

    private final Pool pool;
    private final InstallationRepository repository;
    private final InstallationsTopic topic;
    private final MutinyEmitter<byte[]> emitter;

    InstallationPublisher(Pool pool, InstallationRepository repository, InstallationsTopic topic,
            @Channel("installations") MutinyEmitter<byte[]> emitter) {
        this.pool = pool;
        this.repository = repository;
        this.topic = topic;
        this.emitter = emitter;
    }

    /** Sends every installation state that the topic has not acknowledged yet. */
    public Uni<Void> publishPending() {
        return topic.ensureCompacted().chain(() -> pool.withTransaction(connection -> repository
                .lockUnpublished(connection, BATCH_SIZE)
                .chain(installations -> sendAll(connection, installations))));
    }

    @Scheduled(every = "10s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> publishPendingPeriodically() {
        return publishPending().onFailure().recoverWithUni(error -> {
            Log.warnf(error, "Publishing installation changes failed; next attempt in 10 s");
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> sendAll(io.vertx.mutiny.sqlclient.SqlConnection connection, List<Installation> installations) {
        return Multi.createFrom().iterable(installations)
                .onItem().transformToUniAndConcatenate(installation -> send(installation)
                        .chain(() -> repository.markPublished(connection, installation.id(),
                                installation.stateVersion())))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> send(Installation installation) {
        InstallationChanged event = new InstallationChanged(
                installation.id(),
                installation.organizationId(),
                installation.status(),
                installation.signingTokensSealed(),
                installation.updatedAt());
        Log.infof("Publishing installation state installationId=%s status=%s stateVersion=%d",
                installation.id(), installation.status(), installation.stateVersion());
        return emitter.sendMessage(KafkaRecord.of(installation.id(), EventJson.write(event)));
    }
}
