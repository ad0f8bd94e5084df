package place.career.leversync.effect;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import place.career.events.EventJson;
import place.career.events.FunnelStatusChanged;
import place.career.events.InvalidEventException;
import place.career.events.Topics;
import place.career.leversync.work.NewWork;
import place.career.leversync.work.WorkKind;
import place.career.leversync.work.WorkQueue;
import place.career.leversync.work.WorkScheduler;

/**
 * Consumes funnel.status.v1 and queues each transition's Lever effects, once per funnel and
 * version. Transitions at or below the applied version are dropped here already, which keeps a
 * replay of the whole topic cheap. Invalid records go to funnel.status.v1.dlq, while database failures
 * are retried.
 */
@ApplicationScoped
public class FunnelStatusConsumer {

    /** Transitions run after webhook work that is due at the same time. */
    static final int PRIORITY = 5;
    private static final int MAX_RETRIES = 20;

    private final WorkQueue queue;
    private final EffectLedger ledger;
    private final WorkScheduler scheduler;
    private final Clock clock;

    FunnelStatusConsumer(WorkQueue queue, EffectLedger ledger, WorkScheduler scheduler, Clock clock) {
        this.queue = queue;
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Incoming("funnel-status")
    public Uni<Void> consume(byte[] record) {
        FunnelStatusChanged transition = EventJson.read(record, FunnelStatusChanged.class);
        validate(transition);
        return Uni.createFrom().deferred(() -> process(transition))
                .onFailure(error -> !(error instanceof InvalidEventException))
                .invoke(error -> Log.warnf(error, "Processing funnel transition failed; retrying funnelId=%s version=%d",
                        transition.funnelId(), transition.version()))
                .onFailure(error -> !(error instanceof InvalidEventException))
                .retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(MAX_RETRIES);
    }

    private Uni<Void> process(FunnelStatusChanged transition) {
        return ledger.funnelState(transition.funnelId()).chain(state -> {
            String staleReason = TransitionHandler.staleReason(state, transition);
            if (staleReason != null) {
                Log.debugf("Transition ignored funnelId=%s version=%d reason=%s", transition.funnelId(),
                        transition.version(), staleReason);
                return Uni.createFrom().voidItem();
            }
            if (TransitionPlan.isSilentClose(transition)) {
                Log.infof("Funnel closed without a Lever call funnelId=%s version=%d", transition.funnelId(),
                        transition.version());
                return ledger.markApplied(transition.funnelId(), transition.installationId(),
                        transition.opportunityId(), transition.version(), transition.status(), clock.instant());
            }
            return queue.enqueue(work(transition)).invoke(id -> {
                if (id != null) {
                    scheduler.wake(transition.installationId());
                }
            }).replaceWithVoid();
        });
    }

    private static NewWork work(FunnelStatusChanged transition) {
        // The e-mail address is not needed for Lever writes, so it is not stored.
        FunnelStatusChanged stored = new FunnelStatusChanged(transition.eventId(), transition.funnelId(),
                transition.version(), transition.installationId(), transition.opportunityId(),
                transition.invitationId(), transition.jobId(), transition.jobTitle(), transition.status(),
                transition.previousStatus(), transition.occurredAt(), transition.candidateName(), null,
                transition.applicantCardUrl(), transition.reason());
        return new NewWork(
                transition.installationId(),
                WorkKind.FUNNEL_TRANSITION,
                "transition:" + transition.funnelId() + ":" + transition.version(),
                "funnel:" + transition.funnelId(),
                transition.version(),
                PRIORITY,
                transition.opportunityId(),
                transition.funnelId(),
                transition.version(),
                Topics.FUNNEL_STATUS,
                new String(EventJson.write(stored), StandardCharsets.UTF_8));
    }

    private static void validate(FunnelStatusChanged transition) {
        if (blank(transition.funnelId()) || blank(transition.installationId()) || blank(transition.opportunityId())
                || transition.status() == null || transition.version() < 1) {
            throw new InvalidEventException("FunnelStatusChanged " + transition.eventId()
                    + " needs funnelId, installationId, opportunityId, status and a version of 1 or more");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
