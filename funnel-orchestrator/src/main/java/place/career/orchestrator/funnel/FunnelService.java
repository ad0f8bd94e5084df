package place.career.orchestrator.funnel;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import place.career.events.EventJson;
import place.career.events.FunnelStatus;
import place.career.events.FunnelStatusChanged;
import place.career.orchestrator.funnel.FunnelRepository.HistoryEntry;
import place.career.orchestrator.funnel.FunnelRepository.HistoryKind;
import place.career.orchestrator.relay.StatusRelay;

/**
 * Applies consumed events to funnels. Each call runs in one database transaction that claims the
 * source event id, decides with {@link FunnelStateMachine}, and writes the history row and the new
 * status together. The relay publishes the transition after the commit.
 */
@ApplicationScoped
public class FunnelService {

    private final Pool pool;
    private final FunnelRepository funnels;
    private final ProcessedEventRepository processedEvents;
    private final StatusRelay relay;
    private final Clock clock;
    private final MeterRegistry meters;

    FunnelService(
            Pool pool,
            FunnelRepository funnels,
            ProcessedEventRepository processedEvents,
            StatusRelay relay,
            Clock clock,
            MeterRegistry meters) {
        this.pool = pool;
        this.funnels = funnels;
        this.processedEvents = processedEvents;
        this.relay = relay;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Runs {@code work} in a transaction unless the source event was processed before, and wakes the
     * relay when the work wrote a transition. A repeated event completes without effect.
     *
     * @param work returns true when it wrote at least one transition
     */
    public Uni<Void> processOnce(SourceEvent source, Function<SqlConnection, Uni<Boolean>> work) {
        return pool.withTransaction(connection -> processedEvents
                        .claim(connection, source, clock.instant())
                        .flatMap(first -> {
                            if (!first) {
                                Log.debugf("Skipping event already processed topic=%s eventId=%s",
                                        source.topic(), source.eventId());
                                return Uni.createFrom().item(false);
                            }
                            return work.apply(connection);
                        }))
                .invoke(wroteTransition -> {
                    if (wroteTransition) {
                        relay.wakeUp();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Applies a signal to the funnel with this invitation id.
     *
     * @throws UnknownFunnelException through the returned {@link Uni} when no funnel has the id
     */
    public Uni<Void> applyToInvitation(
            SourceEvent source, String invitationId, FunnelSignal signal, String detail, String applicantCardUrl) {
        return processOnce(source, connection -> funnels.lockByInvitation(connection, invitationId)
                .flatMap(funnel -> {
                    if (funnel == null) {
                        // The invitation id is a bearer token, so the message names the event only.
                        throw new UnknownFunnelException(source.eventId(), "no funnel has the invitation id");
                    }
                    return decideAndRecord(connection, funnel, source, signal, detail, applicantCardUrl);
                }));
    }

    /**
     * Applies a signal to the funnel with this id.
     *
     * @throws UnknownFunnelException through the returned {@link Uni} when no funnel has the id
     */
    public Uni<Void> applyToFunnel(SourceEvent source, UUID funnelId, FunnelSignal signal) {
        return processOnce(source, connection -> funnels.lockById(connection, funnelId).flatMap(funnel -> {
            if (funnel == null) {
                throw new UnknownFunnelException(source.eventId(), "funnelId=" + funnelId);
            }
            return decideAndRecord(connection, funnel, source, signal, null, null);
        }));
    }

    /**
     * Applies a signal to the funnel of a Lever opportunity. An opportunity without a funnel (its
     * posting was not linked) is normal, so the event is then only marked processed.
     */
    public Uni<Void> applyToOpportunity(
            SourceEvent source, String installationId, String opportunityId, FunnelSignal signal) {
        return processOnce(source, connection -> funnels
                .lockByOpportunity(connection, installationId, opportunityId)
                .flatMap(funnel -> {
                    if (funnel == null) {
                        Log.debugf("No funnel for eventId=%s installationId=%s opportunityId=%s",
                                source.eventId(), installationId, opportunityId);
                        return Uni.createFrom().item(false);
                    }
                    return decideAndRecord(connection, funnel, source, signal, null, null);
                }));
    }

    /**
     * Closes every open funnel of an installation created at or before {@code createdUpTo}, in the
     * caller's transaction. The bound keeps a replayed disconnect from closing funnels that started
     * after a later reconnect.
     *
     * <p>Known limitation: all open funnels close in one transaction, which holds their row locks
     * until the last one is written. Tens of thousands of open funnels would need batches.
     *
     * @return true when at least one funnel was closed
     */
    public Uni<Boolean> closeOpenFunnels(
            SqlConnection connection, SourceEvent source, String installationId, Instant createdUpTo) {
        return funnels.lockOpenByInstallation(connection, installationId, createdUpTo)
                .flatMap(open -> {
                    Log.infof("Closing %d open funnels of installationId=%s after eventId=%s",
                            open.size(), installationId, source.eventId());
                    return Multi.createFrom().iterable(open)
                            .onItem().transformToUniAndConcatenate(funnel -> decideAndRecord(
                                    connection, funnel, source, FunnelSignal.DISCONNECTED, null, null))
                            .collect().asList()
                            .map(results -> results.contains(Boolean.TRUE));
                });
    }

    /**
     * Records the first transition of a new funnel, {@code INVITED} at version 1, in the caller's
     * transaction.
     */
    Uni<Boolean> recordInvitation(SqlConnection connection, FunnelRow funnel, SourceEvent source) {
        Decision.Transition invited = new Decision.Transition(FunnelStatus.INVITED, null);
        return recordTransition(connection, funnel, source, null, 1, invited, null, false);
    }

    /** Records that a source event had no effect on an existing funnel, in the caller's transaction. */
    Uni<Boolean> recordIgnored(SqlConnection connection, FunnelRow funnel, SourceEvent source, String detail) {
        return recordWithoutTransition(connection, funnel, source, new Decision.Ignored(detail));
    }

    private Uni<Boolean> decideAndRecord(
            SqlConnection connection,
            FunnelRow funnel,
            SourceEvent source,
            FunnelSignal signal,
            String detail,
            String applicantCardUrl) {
        Decision decision = FunnelStateMachine.decide(funnel.status(), funnel.erased(), signal, detail);
        if (decision instanceof Decision.Transition transition) {
            boolean erase = signal == FunnelSignal.ERASED;
            return recordTransition(connection, funnel, source, funnel.status(), funnel.version() + 1, transition,
                    applicantCardUrl, erase);
        }
        return recordWithoutTransition(connection, funnel, source, decision);
    }

    private Uni<Boolean> recordTransition(
            SqlConnection connection,
            FunnelRow funnel,
            SourceEvent source,
            FunnelStatus previous,
            int version,
            Decision.Transition transition,
            String applicantCardUrl,
            boolean erase) {
        Instant now = clock.instant();
        String cardUrl = transition.to() == FunnelStatus.IN_PROGRESS ? applicantCardUrl : null;
        UUID statusEventId = UUID.randomUUID();
        FunnelStatusChanged payload = new FunnelStatusChanged(
                statusEventId.toString(),
                funnel.funnelId().toString(),
                version,
                funnel.installationId(),
                funnel.opportunityId(),
                funnel.invitationId(),
                funnel.jobId(),
                funnel.jobTitle(),
                transition.to(),
                previous,
                now,
                null,
                null,
                cardUrl,
                transition.reason());
        HistoryEntry entry = new HistoryEntry(HistoryKind.TRANSITION, funnel.funnelId(), source, previous,
                transition.to(), version, statusEventId, transition.reason(), null, toJson(payload), now);

        Uni<Void> written = funnels.insertHistory(connection, entry)
                .chain(() -> funnels.updateStatus(
                        connection, funnel.funnelId(), transition.to(), version, cardUrl, now));
        if (erase) {
            written = written.chain(() -> funnels.erasePersonalData(connection, funnel.funnelId(), now));
        }
        return written.invoke(() -> {
            meters.counter("orchestrator.funnel.transitions", "status", transition.to().name()).increment();
            Log.infof("Funnel moved funnelId=%s from=%s to=%s version=%d cause=%s:%s erased=%b",
                    funnel.funnelId(), previous, transition.to(), version, source.topic(), source.eventId(), erase);
        }).replaceWith(true);
    }

    private Uni<Boolean> recordWithoutTransition(
            SqlConnection connection, FunnelRow funnel, SourceEvent source, Decision decision) {
        HistoryKind kind;
        String detail;
        if (decision instanceof Decision.Noted noted) {
            kind = HistoryKind.NOTED;
            detail = noted.detail();
        } else {
            kind = HistoryKind.IGNORED;
            detail = ((Decision.Ignored) decision).detail();
            meters.counter("orchestrator.funnel.events.ignored", "topic", source.topic()).increment();
        }
        HistoryEntry entry = new HistoryEntry(kind, funnel.funnelId(), source, null, null, null, null, null,
                detail, null, clock.instant());
        Log.debugf("Funnel kept its status funnelId=%s status=%s kind=%s cause=%s:%s detail=%s",
                funnel.funnelId(), funnel.status(), kind, source.topic(), source.eventId(), detail);
        return funnels.insertHistory(connection, entry).replaceWith(false);
    }

    private static JsonObject toJson(FunnelStatusChanged payload) {
        return new JsonObject(Buffer.buffer(EventJson.write(payload)));
    }
}
