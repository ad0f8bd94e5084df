package place.career.leversync.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import place.career.events.FunnelStatus;
import place.career.leversync.LeverSyncConfig;
import place.career.leversync.effect.EffectLedger;
import place.career.leversync.effect.EffectLedger.FunnelState;
import place.career.leversync.effect.TransitionPlan;
import place.career.leversync.installation.Installation;
import place.career.leversync.installation.InstallationRepository;
import place.career.leversync.installation.InstallationRevokedException;
import place.career.leversync.installation.InstallationService;
import place.career.leversync.lever.LeverCallException;
import place.career.leversync.lever.LeverClient;
import place.career.leversync.lever.LeverOpportunity;
import place.career.leversync.lever.LeverSession;
import place.career.leversync.work.IdleWork;
import place.career.leversync.work.InstallationLane;

/**
 * Low-priority drift check: compares a funnel's expected CP-* tag and stage with Lever, one
 * funnel at a time, only while the installation's lane has no due work and a surplus of request
 * tokens. A missing tag of ours with no other CP-* tag in its place is restored. Any other
 * difference was made by a person in Lever, so it is reported (log, metric, funnel_sync.drift)
 * and not undone.
 */
@ApplicationScoped
public class DriftReconciler implements IdleWork {

    private final Map<String, Long> nextQueryNanos = new ConcurrentHashMap<>();
    private final EffectLedger ledger;
    private final InstallationRepository installations;
    private final InstallationService installationService;
    private final LeverClient lever;
    private final LeverSyncConfig config;
    private final MeterRegistry registry;

    DriftReconciler(EffectLedger ledger, InstallationRepository installations, InstallationService installationService,
            LeverClient lever, LeverSyncConfig config, MeterRegistry registry) {
        this.ledger = ledger;
        this.installations = installations;
        this.installationService = installationService;
        this.lever = lever;
        this.config = config;
        this.registry = registry;
    }

    @Override
    public Uni<Void> runIdle(InstallationLane lane) {
        String installationId = lane.installationId();
        if (!config.reconcile().enabled() || lane.availableTokens() < config.reconcile().minIdleTokens()
                || System.nanoTime() < nextQueryNanos.getOrDefault(installationId, 0L)) {
            return Uni.createFrom().voidItem();
        }
        return ledger.dueForDriftCheck(installationId, config.reconcile().interval()).chain(funnel -> {
            if (funnel == null) {
                pauseQueries(installationId);
                return Uni.createFrom().voidItem();
            }
            String stream = "funnel:" + funnel.funnelId();
            if (!lane.occupy(stream)) {
                return Uni.createFrom().voidItem();
            }
            return installations.find(installationId)
                    .chain(installation -> check(lane, installation, funnel))
                    .eventually(() -> lane.release(stream));
        });
    }

    private Uni<Void> check(InstallationLane lane, Installation installation, FunnelState funnel) {
        if (installation == null || !installation.isConnected()) {
            return Uni.createFrom().voidItem();
        }
        LeverSession session = new LeverSession(installation.id(), installation.performAs(), lane);
        return lever.getOpportunity(session, funnel.opportunityId(), false)
                .chain(opportunity -> compare(session, installation, funnel, opportunity))
                .chain(drift -> ledger.markChecked(funnel.funnelId(), drift))
                .onFailure().recoverWithUni(error -> handleFailure(funnel, error));
    }

    private Uni<String> compare(LeverSession session, Installation installation, FunnelState funnel,
            LeverOpportunity opportunity) {
        if (opportunity.archived()) {
            return Uni.createFrom().nullItem();
        }
        String stageDrift = stageDrift(installation, funnel, opportunity);
        String expected = TransitionPlan.tagFor(funnel.appliedStatus());
        List<String> present = opportunity.tags() == null ? null
                : TransitionPlan.OUR_TAGS.stream().filter(opportunity.tags()::contains).toList();
        // Opted-out funnels keep whichever tag they had, so any single tag of ours is right.
        boolean tagsMatch = present == null
                || (expected == null ? present.size() == 1 : present.equals(List.of(expected)));
        if (tagsMatch) {
            return Uni.createFrom().item(report(funnel, stageDrift));
        }
        if (present.isEmpty() && expected != null) {
            return lever.addTags(session, funnel.opportunityId(), List.of(expected)).map(ignored -> {
                count("restored");
                Log.infof("Drift repaired: restored missing tag funnelId=%s opportunityId=%s tag=%s",
                        funnel.funnelId(), funnel.opportunityId(), expected);
                return stageDrift == null ? "restored missing tag " + expected : stageDrift;
            });
        }
        String tagDrift = "tags changed in Lever: expected " + (expected == null ? "one CP-* tag" : expected)
                + ", found " + present;
        return Uni.createFrom().item(report(funnel, stageDrift == null ? tagDrift : tagDrift + "; " + stageDrift));
    }

    /** Returns how a qualified funnel's stage differs from the installation's chosen stage, or null. */
    private static String stageDrift(Installation installation, FunnelState funnel, LeverOpportunity opportunity) {
        String target = installation.qualifiedStageId();
        if (funnel.appliedStatus() != FunnelStatus.QUALIFIED || target == null || opportunity.stageId() == null
                || target.equals(opportunity.stageId())) {
            return null;
        }
        return "stage changed in Lever: expected " + target + ", found " + opportunity.stageId();
    }

    private String report(FunnelState funnel, String drift) {
        if (drift != null) {
            count("reported");
            Log.warnf("Drift reported, not undone funnelId=%s opportunityId=%s drift=%s", funnel.funnelId(),
                    funnel.opportunityId(), drift);
        }
        return drift;
    }

    private Uni<Void> handleFailure(FunnelState funnel, Throwable error) {
        if (error instanceof InstallationRevokedException revoked) {
            return installationService.revoke(funnel.installationId(), revoked.getMessage());
        }
        if (error instanceof LeverCallException call && call.isInaccessible()) {
            return ledger.markChecked(funnel.funnelId(), "opportunity not accessible (HTTP " + call.status() + ")");
        }
        // The funnel stays due, and the pause keeps a failing Lever from being asked again at once.
        pauseQueries(funnel.installationId());
        Log.warnf("Drift check failed funnelId=%s installationId=%s error=%s", funnel.funnelId(),
                funnel.installationId(), error.getMessage());
        return Uni.createFrom().voidItem();
    }

    private void pauseQueries(String installationId) {
        nextQueryNanos.put(installationId, System.nanoTime() + config.reconcile().idleQueryPause().toNanos());
    }

    private void count(String outcome) {
        Counter.builder("leversync.drift")
                .description("Drift checks that found Lever different from the effect ledger")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
