package place.career.orchestrator.installation;

import static place.career.orchestrator.funnel.RecordProcessor.require;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import place.career.events.InstallationChanged;
import place.career.events.InvalidEventException;
import place.career.events.Topics;
import place.career.orchestrator.funnel.FunnelService;
import place.career.orchestrator.funnel.RecordProcessor;
import place.career.orchestrator.funnel.SourceEvent;

/**
 * Consumes the compacted lever.installations.v1 into the installations table, where the setup
 * API looks up which organisation owns an installation. A disconnect, or a tombstone for a deleted
 * installation, closes the installation's open funnels. A revoke changes no funnel: lever-sync and
 * the notifier pause their work for it until it reconnects.
 */
@ApplicationScoped
public class InstallationConsumer {

    /** Incoming channel bound to lever.installations.v1. */
    static final String CHANNEL = "installations";

    private final RecordProcessor processor;
    private final FunnelService funnels;
    private final InstallationRepository installations;
    private final Clock clock;

    InstallationConsumer(
            RecordProcessor processor, FunnelService funnels, InstallationRepository installations, Clock clock) {
        this.processor = processor;
        this.funnels = funnels;
        this.installations = installations;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, () -> record.value() == null
                ? handleTombstone(record)
                : handleChange(RecordProcessor.parse(record, InstallationChanged.class)));
    }

    private Uni<Void> handleChange(InstallationChanged change) {
        require(change.installationId(), "installationId");
        require(change.organizationId(), "organizationId");
        require(change.status(), "status");
        require(change.updatedAt(), "updatedAt");
        // State records carry no event id, so the installation, time and status identify one change.
        String eventId = change.installationId() + "@" + change.updatedAt() + ":" + change.status();
        SourceEvent source = new SourceEvent(Topics.LEVER_INSTALLATIONS, eventId, change.status().name(),
                change.updatedAt());

        return funnels.processOnce(source, connection -> installations.upsert(connection, change)
                .flatMap(stored -> {
                    if (!stored) {
                        Log.infof("Ignoring installation state older than the stored one installationId=%s "
                                + "updatedAt=%s", change.installationId(), change.updatedAt());
                        return Uni.createFrom().item(false);
                    }
                    Log.infof("Installation changed installationId=%s organizationId=%s status=%s",
                            change.installationId(), change.organizationId(), change.status());
                    if (change.status() != InstallationChanged.Status.DISCONNECTED) {
                        return Uni.createFrom().item(false);
                    }
                    return funnels.closeOpenFunnels(connection, source, change.installationId(), change.updatedAt());
                }));
    }

    private Uni<Void> handleTombstone(ConsumerRecord<String, byte[]> record) {
        String installationId = record.key();
        if (installationId == null || installationId.isBlank()) {
            throw new InvalidEventException("Tombstone has no key, so no installation can be deleted");
        }
        Instant now = clock.instant();
        String eventId = installationId + "@deleted:" + record.partition() + ":" + record.offset();
        SourceEvent source = new SourceEvent(Topics.LEVER_INSTALLATIONS, eventId, "DELETED", null);
        return funnels.processOnce(source, connection -> deleteInstallation(connection, source, installationId, now));
    }

    private Uni<Boolean> deleteInstallation(
            SqlConnection connection, SourceEvent source, String installationId, Instant now) {
        Log.infof("Installation deleted installationId=%s", installationId);
        return installations.markDeleted(connection, installationId, now)
                .chain(() -> funnels.closeOpenFunnels(connection, source, installationId, now));
    }
}
