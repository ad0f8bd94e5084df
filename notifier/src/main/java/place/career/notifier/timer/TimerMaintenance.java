package place.career.notifier.timer;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;

import place.career.notifier.outcome.OutcomeService;

import java.time.Clock;

/** Periodic work on the timer table: due opt-outs, and reconciliation of expired claims. */
@ApplicationScoped
public class TimerMaintenance {

    private final OutcomeService outcomes;
    private final TimerRepository timers;
    private final Clock clock;

    public TimerMaintenance(OutcomeService outcomes, TimerRepository timers, Clock clock) {
        this.outcomes = outcomes;
        this.timers = timers;
        this.clock = clock;
    }

    // Opt-outs send no e-mail, so they bypass the mail rate limit and stay on time during a
    // backlog.
    @Scheduled(
            every = "${notifier.timers.opt-out-interval}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> optOutDue() {
        return outcomes.optOutDue()
                .repeat()
                .until(handled -> handled == 0)
                .collect()
                .last()
                .onFailure()
                .invoke(
                        failure ->
                                Log.warnf(
                                        failure,
                                        "Opting out due candidates failed, retrying on the "
                                                + "next poll"))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(
            every = "${notifier.timers.reconcile-interval}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> reconcile() {
        return timers.reconcile(clock.instant())
                .invoke(
                        result -> {
                            if (result.released() > 0 || result.uncertain() > 0) {
                                Log.warnf(
                                        "Expired timer claims reconciled: released=%d uncertain=%d",
                                        result.released(), result.uncertain());
                            }
                        })
                .onFailure()
                .invoke(
                        failure ->
                                Log.warnf(
                                        failure, "Reconciling timer claims failed, retrying later"))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
