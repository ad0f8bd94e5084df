package place.career.leversync.setup;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import place.career.leversync.installation.InstallationService;
import place.career.leversync.work.WorkScheduler;

/**
 * Disconnects an organisation's Lever connection on an admin's request.
 *
 * <p>Policy: the installation row, its id, settings (qualified stage, signing tokens) and audit
 * history stay, so that reconnecting the same Lever account restores them. The OAuth tokens are
 * deleted, because the admin asked that career.place stop acting in Lever. Pending Lever work is
 * skipped rather than parked, since funnel-orchestrator closes the installation's funnels on
 * DISCONNECTED and nothing queued before the disconnect should reach Lever after a reconnect.
 * Lever documents no endpoint to revoke a grant, so the grant itself stays valid in Lever until
 * a Lever admin removes it under Settings, Integrations and API.
 */
@ApplicationScoped
public class DisconnectService {

    private final InstallationLookup lookup;
    private final SetupRepository repository;
    private final InstallationService installations;
    private final WorkScheduler scheduler;
    private final Clock clock;

    DisconnectService(InstallationLookup lookup, SetupRepository repository, InstallationService installations,
            WorkScheduler scheduler, Clock clock) {
        this.lookup = lookup;
        this.repository = repository;
        this.installations = installations;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Disconnects the caller's organisation; a second call changes nothing. 404 when it never connected. */
    public Uni<Void> disconnect(Caller caller) {
        return lookup.current(caller).chain(installation -> repository
                .disconnect(installation, caller.userId(), clock.instant())
                .chain(skipped -> {
                    if (skipped < 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.infof("Installation disconnected installationId=%s organizationId=%s userId=%s"
                                    + " skippedWorkItems=%d", installation.id(), installation.organizationId(),
                            caller.userId(), skipped);
                    // Other replicas close their lane when its lease is not renewed for a DISCONNECTED row.
                    scheduler.stopLane(installation.id());
                    return installations.announceChanged(installation.id());
                }));
    }
}
