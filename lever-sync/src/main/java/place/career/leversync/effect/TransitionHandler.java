package place.career.leversync.effect;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import place.career.events.EventJson;
import place.career.events.FunnelStatusChanged;
import place.career.leversync.effect.EffectLedger.Effect;
import place.career.leversync.effect.EffectLedger.EffectKind;
import place.career.leversync.effect.EffectLedger.EffectState;
import place.career.leversync.effect.EffectLedger.FunnelState;
import place.career.leversync.installation.InstallationRevokedException;
import place.career.leversync.lever.LeaseLostException;
import place.career.leversync.lever.LeverCallException;
import place.career.leversync.lever.LeverClient;
import place.career.leversync.lever.LeverOpportunity;
import place.career.leversync.lever.LeverSession;
import place.career.leversync.work.WorkContext;
import place.career.leversync.work.WorkHandler;
import place.career.leversync.work.WorkItem;
import place.career.leversync.work.WorkKind;
import place.career.leversync.work.WorkResult;

/**
 * Writes one funnel transition to Lever: tag, note and stage move, each recorded in the effect
 * ledger so that a rerun after a crash or a redelivery repeats none of them.
 *
 * <p>Call order and count in the normal case: removeTags of our other CP-* tags (skipped for the
 * first transition, which has no earlier tag), addTags unless the removeTags response already lists
 * the tag, the note, and the stage move only if the opportunity is elsewhere: at most 3 calls, 4
 * with a stage move. Removing before adding means an opportunity never shows two CP-* tags at
 * once; between the two calls it briefly shows none.
 */
@ApplicationScoped
public class TransitionHandler implements WorkHandler {

    private final LeverClient lever;
    private final EffectLedger ledger;
    private final Clock clock;
    private final MeterRegistry registry;

    TransitionHandler(LeverClient lever, EffectLedger ledger, Clock clock, MeterRegistry registry) {
        this.lever = lever;
        this.ledger = ledger;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public WorkKind kind() {
        return WorkKind.FUNNEL_TRANSITION;
    }

    @Override
    public Uni<WorkResult> handle(WorkContext context, WorkItem item) {
        FunnelStatusChanged transition = EventJson.read(item.payload().getBytes(StandardCharsets.UTF_8),
                FunnelStatusChanged.class);
        return ledger.transitionRecord(transition.funnelId(), transition.version()).chain(record -> {
            String staleReason = staleReason(record.funnel(), transition);
            if (staleReason != null) {
                return Uni.createFrom().item(WorkResult.skipped(staleReason));
            }
            TransitionPlan plan = TransitionPlan.of(transition, context.installation().qualifiedStageId());
            return new Run(context.session(), transition, plan, record.effects()).execute()
                    .chain(() -> ledger.markAppliedAndFinish(item.id(), transition.funnelId(),
                            transition.installationId(), transition.opportunityId(), transition.version(),
                            transition.status(), clock.instant()))
                    .invoke(() -> applied(transition))
                    .replaceWith(WorkResult.stored());
        });
    }

    /**
     * Returns why a transition must change nothing, or null when it applies: a version at or
     * below the applied one, or a non-terminal state after a terminal one.
     */
    static String staleReason(FunnelState state, FunnelStatusChanged transition) {
        if (state == null) {
            return null;
        }
        if (transition.version() <= state.appliedVersion()) {
            return "version " + transition.version() + " is not above applied version " + state.appliedVersion();
        }
        if (state.appliedStatus().isTerminal() && !transition.status().isTerminal()) {
            return transition.status() + " cannot follow terminal state " + state.appliedStatus();
        }
        return null;
    }

    /**
     * Returns whether a failed write certainly never reached Lever, so that its STARTED record
     * can go and the next attempt need not check Lever first.
     */
    static boolean certainlyNotApplied(Throwable error) {
        if (error instanceof LeverCallException call) {
            return !call.outcomeUnknown();
        }
        return error instanceof LeaseLostException || error instanceof InstallationRevokedException;
    }

    private void applied(FunnelStatusChanged transition) {
        Log.infof("Transition applied in Lever funnelId=%s version=%d status=%s installationId=%s opportunityId=%s",
                transition.funnelId(), transition.version(), transition.status(), transition.installationId(),
                transition.opportunityId());
        if (transition.occurredAt() != null) {
            Duration lag = Duration.between(transition.occurredAt(), clock.instant());
            Timer.builder("leversync.effect.lag")
                    .description("Time from a funnel transition to its effects being in Lever")
                    .tag("status", transition.status().name())
                    .register(registry)
                    .record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    /** One execution of a transition's plan; remembers the latest opportunity Lever returned. */
    private final class Run {

        private final LeverSession session;
        private final FunnelStatusChanged transition;
        private final TransitionPlan plan;
        private final Map<EffectKind, Effect> effects;
        private LeverOpportunity latest;

        Run(LeverSession session, FunnelStatusChanged transition, TransitionPlan plan, Map<EffectKind, Effect> effects) {
            this.session = session;
            this.transition = transition;
            this.plan = plan;
            this.effects = effects;
        }

        Uni<Void> execute() {
            return removeOtherTags().chain(this::addTag).chain(this::addNote).chain(this::moveStage);
        }

        private Uni<Void> addTag() {
            if (plan.tag() == null || finished(EffectKind.ADD_TAG)) {
                return Uni.createFrom().voidItem();
            }
            if (latest != null && latest.tags() != null && latest.tags().contains(plan.tag())) {
                return record(EffectKind.ADD_TAG, EffectState.SKIPPED, null);
            }
            return lever.addTags(session, transition.opportunityId(), List.of(plan.tag()))
                    .invoke(opportunity -> latest = opportunity)
                    .chain(() -> record(EffectKind.ADD_TAG, EffectState.DONE, null));
        }

        private Uni<Void> removeOtherTags() {
            if (plan.tag() == null || finished(EffectKind.REMOVE_TAGS)) {
                return Uni.createFrom().voidItem();
            }
            // The first transition has no earlier tag of ours to remove. Later ones remove all of
            // our other tags in one call without reading the opportunity first: Lever ignores
            // absent tags, and the response shows addTag whether its tag is already there.
            if (transition.previousStatus() == null || plan.otherTags().isEmpty()) {
                return record(EffectKind.REMOVE_TAGS, EffectState.SKIPPED, null);
            }
            return lever.removeTags(session, transition.opportunityId(), plan.otherTags())
                    .invoke(opportunity -> latest = opportunity == null ? latest : opportunity)
                    .chain(() -> record(EffectKind.REMOVE_TAGS, EffectState.DONE, null));
        }

        private Uni<Void> addNote() {
            if (plan.note() == null || finished(EffectKind.NOTE)) {
                return Uni.createFrom().voidItem();
            }
            if (state(EffectKind.NOTE) == EffectState.STARTED) {
                return findOwnNote().chain(noteId -> noteId != null
                        ? record(EffectKind.NOTE, EffectState.DONE, noteId)
                        : postNote());
            }
            return record(EffectKind.NOTE, EffectState.STARTED, null).chain(this::postNote);
        }

        /** Looks for the note of this transition in Lever after an earlier attempt whose outcome is unknown. */
        private Uni<String> findOwnNote() {
            String marker = NoteText.marker(transition.funnelId(), transition.version());
            return lever.listNotes(session, transition.opportunityId()).map(notes -> notes.stream()
                    .filter(note -> note.text().contains(marker))
                    .map(note -> note.id() == null ? "unknown" : note.id())
                    .findFirst()
                    .orElse(null))
                    .invoke(noteId -> Log.infof("Checked Lever for a note of unknown outcome funnelId=%s version=%d"
                            + " found=%s", transition.funnelId(), transition.version(), noteId != null));
        }

        private Uni<Void> postNote() {
            return lever.addNote(session, transition.opportunityId(), plan.note())
                    .onFailure(TransitionHandler::certainlyNotApplied)
                    .call(() -> ledger.forgetStarted(transition.funnelId(), transition.version(), EffectKind.NOTE))
                    .chain(noteId -> record(EffectKind.NOTE, EffectState.DONE, noteId));
        }

        private Uni<Void> moveStage() {
            if (plan.stageId() == null || finished(EffectKind.STAGE)) {
                return Uni.createFrom().voidItem();
            }
            boolean mayHaveMoved = state(EffectKind.STAGE) == EffectState.STARTED;
            Uni<String> currentStage = !mayHaveMoved && latest != null && latest.stageId() != null
                    ? Uni.createFrom().item(latest.stageId())
                    : lever.getOpportunity(session, transition.opportunityId(), false).map(LeverOpportunity::stageId);
            return currentStage.chain(stage -> {
                if (plan.stageId().equals(stage)) {
                    return record(EffectKind.STAGE, mayHaveMoved ? EffectState.DONE : EffectState.SKIPPED, null);
                }
                return record(EffectKind.STAGE, EffectState.STARTED, null)
                        .chain(() -> lever.changeStage(session, transition.opportunityId(), plan.stageId()))
                        .onFailure(TransitionHandler::certainlyNotApplied)
                        .call(() -> ledger.forgetStarted(transition.funnelId(), transition.version(), EffectKind.STAGE))
                        .chain(() -> record(EffectKind.STAGE, EffectState.DONE, null));
            });
        }

        private boolean finished(EffectKind kind) {
            EffectState state = state(kind);
            return state == EffectState.DONE || state == EffectState.SKIPPED;
        }

        private EffectState state(EffectKind kind) {
            Effect effect = effects.get(kind);
            return effect == null ? null : effect.state();
        }

        private Uni<Void> record(EffectKind kind, EffectState state, String noteId) {
            return ledger.record(transition.funnelId(), transition.version(), kind, state, noteId);
        }
    }
}
