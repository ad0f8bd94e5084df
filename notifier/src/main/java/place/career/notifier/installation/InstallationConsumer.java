package place.career.notifier.installation;

import static place.career.notifier.db.Timestamps.utc;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import place.career.events.EventJson;
import place.career.events.InstallationChanged;
import place.career.events.InvalidEventException;
import place.career.notifier.timer.MailWakeUp;

import java.time.Duration;
import java.time.Instant;

/**
 * Consumes the compacted {@code lever.installations.v1} topic and stores each installation's
 * status. Mails of an installation that is not CONNECTED wait in the timer table until it is again,
 * but opt-outs still happen on time. A tombstone counts as DELETED, which also pauses mails.
 */
@ApplicationScoped
public class InstallationConsumer {

    static final String CHANNEL = "installations";
    static final String DELETED = "DELETED";

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    // Keeps the newest state when records arrive out of order, for example during a replay.
    private static final String UPSERT =
            """
            INSERT INTO notifier.installation (installation_id, status, updated_at) VALUES ($1, $2,
                $3)
            ON CONFLICT (installation_id) DO UPDATE SET status = EXCLUDED.status,
                updated_at = EXCLUDED.updated_at
            WHERE installation.updated_at <= EXCLUDED.updated_at\
            """;

    private final Pool pool;
    private final MailWakeUp wakeUp;

    public InstallationConsumer(Pool pool, MailWakeUp wakeUp) {
        this.pool = pool;
        this.wakeUp = wakeUp;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        String installationId;
        String status;
        Instant updatedAt;
        if (record.value() == null) {
            installationId = record.key();
            status = DELETED;
            updatedAt = Instant.ofEpochMilli(record.timestamp());
        } else {
            InstallationChanged change = EventJson.read(record.value(), InstallationChanged.class);
            if (change.installationId() == null || change.status() == null) {
                throw new InvalidEventException(
                        "Invalid InstallationChanged at offset "
                                + record.offset()
                                + ": installationId and status are required");
            }
            installationId = change.installationId();
            status = change.status().name();
            updatedAt =
                    change.updatedAt() != null
                            ? change.updatedAt()
                            : Instant.ofEpochMilli(record.timestamp());
        }
        if (installationId == null) {
            throw new InvalidEventException(
                    "Installation tombstone without a key at offset " + record.offset());
        }
        return store(installationId, status, updatedAt);
    }

    private Uni<Void> store(String installationId, String status, Instant updatedAt) {
        return Uni.createFrom()
                .deferred(
                        () ->
                                pool.preparedQuery(UPSERT)
                                        .execute(Tuple.of(installationId, status, utc(updatedAt))))
                .onFailure()
                .invoke(
                        failure ->
                                Log.warnf(
                                        failure,
                                        "Storing installation status failed, retrying: "
                                                + "installationId=%s",
                                        installationId))
                .onFailure()
                .retry()
                .withBackOff(FIRST_RETRY, MAX_RETRY)
                .indefinitely()
                .invoke(
                        rows -> {
                            Log.infof(
                                    "Installation status stored: installationId=%s status=%s"
                                            + " applied=%s",
                                    installationId, status, rows.rowCount() == 1);
                            wakeUp.signal();
                        })
                .replaceWithVoid();
    }
}
