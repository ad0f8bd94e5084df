package place.career.orchestrator.funnel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.orchestrator.support.OrchestratorFixtures.closed;
import static place.career.orchestrator.support.OrchestratorFixtures.created;
import static place.career.orchestrator.support.OrchestratorFixtures.erased;
import static place.career.orchestrator.support.OrchestratorFixtures.funnelEvent;
import static place.career.orchestrator.support.OrchestratorFixtures.outcome;
import static place.career.orchestrator.support.OrchestratorFixtures.started;
import static place.career.orchestrator.support.OrchestratorFixtures.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import place.career.events.ApplicationEvent;
import place.career.events.FunnelEvent;
import place.career.events.FunnelStatus;
import place.career.events.FunnelStatusChanged;
import place.career.events.InstallationChanged;
import place.career.events.NotifierOutcome;
import place.career.events.Topics;
import place.career.orchestrator.relay.StatusRelay;
import place.career.orchestrator.support.OrchestratorTestBase;

@QuarkusTest
class FunnelClosingTest extends OrchestratorTestBase {

    @ParameterizedTest(name = "{0} closes the funnel with reason {1}")
    @CsvSource({"ARCHIVED, archived", "HIRED, hired", "DELETED, deleted"})
    void leverCloseEndsOpenFunnel(ApplicationEvent.CloseReason closeReason, String reason) {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        FunnelStatusChanged invited = invite(link, opportunityId);

        sendApplication(closed(link.installationId(), opportunityId, closeReason));

        FunnelStatusChanged close = awaitStatus(opportunityId, r -> r.version() == 2, 1).get(0);
        assertEquals(FunnelStatus.CLOSED, close.status());
        assertEquals(reason, close.reason());
        assertEquals(invited.candidateEmail(), close.candidateEmail());
    }

    @Test
    void closeOfQualifiedFunnelIsIgnored() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        String invitationId = invite(link, opportunityId).invitationId();
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId,
                funnelEvent(FunnelEvent.Type.QUALIFIED, invitationId));
        awaitStatus(opportunityId, r -> r.status() == FunnelStatus.QUALIFIED, 1);
        ApplicationEvent hired = closed(link.installationId(), opportunityId, ApplicationEvent.CloseReason.HIRED);

        sendApplication(hired);

        await().atMost(TIMEOUT).until(() -> !history(hired.eventId()).isEmpty());
        assertEquals("IGNORED", history(hired.eventId()).get(0).getString("kind"));
        awaitOutboxEmpty();
        assertEquals(2, statusRecords(opportunityId).size());
    }

    @Test
    void closeOfUnknownOpportunityPublishesNothing() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        ApplicationEvent archived = closed(link.installationId(), opportunityId, ApplicationEvent.CloseReason.ARCHIVED);

        sendApplication(archived);

        await().atMost(TIMEOUT).until(() -> !query("SELECT 1 FROM processed_events WHERE event_id = $1",
                Tuple.of(archived.eventId())).isEmpty());
        assertTrue(statusRecords(opportunityId).isEmpty());
    }

    @Test
    void erasureClosesFunnelAndDeletesPersonalData() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        String invitationId = invite(link, opportunityId).invitationId();
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId, started(invitationId));
        awaitStatus(opportunityId, r -> r.version() == 2, 1);

        sendApplication(erased(link.installationId(), opportunityId));

        FunnelStatusChanged close = awaitStatus(opportunityId, r -> r.version() == 3, 1).get(0);
        assertEquals(FunnelStatus.CLOSED, close.status());
        assertEquals("deleted", close.reason());
        assertNull(close.candidateName());
        assertNull(close.candidateEmail());
        Row funnel = funnel(opportunityId);
        assertNull(funnel.getString("candidate_name"));
        assertNull(funnel.getString("candidate_email"));
        assertNotNull(funnel.getOffsetDateTime("erased_at"));
        assertNoPersonalDataStored(opportunityId);
    }

    @Test
    void erasureReachesTerminalFunnelOnce() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        String invitationId = invite(link, opportunityId).invitationId();
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId,
                funnelEvent(FunnelEvent.Type.QUALIFIED, invitationId));
        awaitStatus(opportunityId, r -> r.status() == FunnelStatus.QUALIFIED, 1);
        ApplicationEvent secondErasure = erased(link.installationId(), opportunityId);

        sendApplication(erased(link.installationId(), opportunityId));
        sendApplication(secondErasure);

        FunnelStatusChanged close = awaitStatus(opportunityId, r -> r.version() == 3, 1).get(0);
        assertEquals(FunnelStatus.QUALIFIED, close.previousStatus());
        assertEquals(FunnelStatus.CLOSED, close.status());
        assertNull(close.candidateEmail());
        await().atMost(TIMEOUT).until(() -> !history(secondErasure.eventId()).isEmpty());
        assertEquals("IGNORED", history(secondErasure.eventId()).get(0).getString("kind"));
        awaitOutboxEmpty();
        assertEquals(3, statusRecords(opportunityId).size());
    }

    @Test
    void erasureStripsUnsentInvitation() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        FunnelStatusChanged invited = invite(link, opportunityId);
        awaitOutboxEmpty();
        // Holding the relay's lock keeps it from sending until the erasure is stored.
        SqlConnection relayLockHolder = pool.getConnection().await().atMost(TIMEOUT);
        try {
            Transaction lockTransaction = relayLockHolder.begin().await().atMost(TIMEOUT);
            relayLockHolder.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                    .execute(Tuple.of(StatusRelay.RELAY_LOCK_KEY)).await().atMost(TIMEOUT);
            // The invitation is back in the outbox, as if the relay had not sent it before the erasure.
            query("UPDATE funnel_history SET published_at = NULL WHERE status_event_id = $1::uuid",
                    Tuple.of(invited.eventId()));
            ApplicationEvent erasure = erased(link.installationId(), opportunityId);
            sendApplication(erasure);
            await().atMost(TIMEOUT).until(() -> !history(erasure.eventId()).isEmpty());
            lockTransaction.commit().await().atMost(TIMEOUT);
        } finally {
            relayLockHolder.close().await().atMost(TIMEOUT);
        }

        awaitStatus(opportunityId, r -> r.version() == 2, 1);
        List<FunnelStatusChanged> resent = awaitStatus(opportunityId, r -> r.version() == 1, 2);
        assertEquals(invited.eventId(), resent.get(1).eventId());
        assertNull(resent.get(1).candidateEmail());
    }

    @ParameterizedTest(name = "notifier {0} opts the candidate out with reason {1}")
    @CsvSource({"OPTED_OUT, not-started", "UNSUBSCRIBED, unsubscribed", "BOUNCED, bounced"})
    void notifierOutcomeOptsOut(NotifierOutcome.Type type, String reason) {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        FunnelStatusChanged invited = invite(link, opportunityId);
        NotifierOutcome notice = outcome(type, invited.funnelId(), link.installationId(), opportunityId);

        kafka.send(Topics.NOTIFIER_OUTCOMES, notice.key(), notice);

        FunnelStatusChanged optedOut = awaitStatus(opportunityId, r -> r.version() == 2, 1).get(0);
        assertEquals(FunnelStatus.OPTED_OUT, optedOut.status());
        assertEquals(reason, optedOut.reason());
    }

    @Test
    void outcomeForUnknownFunnelIsDeadLettered() {
        String marker = unique("outcome");
        NotifierOutcome notice = outcome(NotifierOutcome.Type.BOUNCED, "00000000-0000-0000-0000-000000000000",
                "inst", marker);

        kafka.send(Topics.NOTIFIER_OUTCOMES, marker, notice);

        await().atMost(TIMEOUT).until(() -> kafka.readAll(Topics.NOTIFIER_OUTCOMES + Topics.DEAD_LETTER_SUFFIX, TIMEOUT)
                .stream().anyMatch(r -> marker.equals(r.key())
                        && new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                                .contains("refers to no known funnel")));
    }

    @Test
    void disconnectClosesOpenFunnelsOnly() {
        LinkedPosting link = linkedPosting();
        String invitedOpportunity = unique("opp");
        String startedOpportunity = unique("opp");
        String qualifiedOpportunity = unique("opp");
        invite(link, invitedOpportunity);
        String startedInvitation = invite(link, startedOpportunity).invitationId();
        String qualifiedInvitation = invite(link, qualifiedOpportunity).invitationId();
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, startedInvitation, started(startedInvitation));
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, qualifiedInvitation,
                funnelEvent(FunnelEvent.Type.QUALIFIED, qualifiedInvitation));
        awaitStatus(startedOpportunity, r -> r.version() == 2, 1);
        awaitStatus(qualifiedOpportunity, r -> r.version() == 2, 1);

        publishInstallation(link.installationId(), link.organizationId(), InstallationChanged.Status.DISCONNECTED);

        for (String opportunityId : List.of(invitedOpportunity, startedOpportunity)) {
            FunnelStatusChanged close = awaitStatus(opportunityId, r -> r.status() == FunnelStatus.CLOSED, 1).get(0);
            assertEquals("disconnected", close.reason());
        }
        awaitOutboxEmpty();
        assertEquals(2, statusRecords(qualifiedOpportunity).size());
        assertEquals("QUALIFIED", funnel(qualifiedOpportunity).getString("status"));
    }

    @Test
    void revokeKeepsFunnelsOpenUntilDisconnect() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        invite(link, opportunityId);

        publishInstallation(link.installationId(), link.organizationId(), InstallationChanged.Status.REVOKED);
        String afterRevoke = unique("opp");
        invite(link, afterRevoke);
        publishInstallation(link.installationId(), link.organizationId(), InstallationChanged.Status.DISCONNECTED);
        ApplicationEvent afterDisconnect = created(link.installationId(), unique("opp"), link.postingId());
        sendApplication(afterDisconnect);

        await().atMost(TIMEOUT).until(() -> !query("SELECT detail FROM skipped_applications WHERE source_event_id = $1",
                Tuple.of(afterDisconnect.eventId())).isEmpty());
        List<FunnelStatusChanged> first = awaitStatus(opportunityId, r -> true, 2);
        assertEquals(FunnelStatus.INVITED, first.get(0).status());
        assertEquals(FunnelStatus.CLOSED, first.get(1).status());
        assertEquals("disconnected", first.get(1).reason());
        assertEquals(FunnelStatus.CLOSED, awaitStatus(afterRevoke, r -> true, 2).get(1).status());
        assertTrue(statusRecords(afterDisconnect.opportunityId()).isEmpty());
    }

    @Test
    void deletedInstallationClosesOpenFunnels() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        invite(link, opportunityId);

        kafka.sendRaw(Topics.LEVER_INSTALLATIONS, link.installationId(), null);

        FunnelStatusChanged close = awaitStatus(opportunityId, r -> r.version() == 2, 1).get(0);
        assertEquals(FunnelStatus.CLOSED, close.status());
        assertEquals("disconnected", close.reason());
    }

    private FunnelStatusChanged invite(LinkedPosting link, String opportunityId) {
        sendApplication(created(link.installationId(), opportunityId, link.postingId()));
        return awaitStatus(opportunityId, r -> r.version() == 1, 1).get(0);
    }

    private Row funnel(String opportunityId) {
        return query("SELECT status, candidate_name, candidate_email, erased_at FROM funnels WHERE opportunity_id = $1",
                Tuple.of(opportunityId)).get(0);
    }

    private List<Row> history(String sourceEventId) {
        return query("SELECT kind FROM funnel_history WHERE source_event_id = $1", Tuple.of(sourceEventId));
    }

    /** Searches every text column of the schema's tables for the fixture's e-mail and name. */
    private void assertNoPersonalDataStored(String opportunityId) {
        String email = opportunityId + "@candidates.example";
        String name = "Zoë " + opportunityId;
        for (String table : List.of("funnels", "funnel_history", "skipped_applications", "processed_events",
                "audit_log", "job_links", "installations")) {
            List<Row> hits = query("SELECT 1 FROM " + table + " t WHERE t::text LIKE $1 OR t::text LIKE $2",
                    Tuple.of("%" + email + "%", "%" + name + "%"));
            assertTrue(hits.isEmpty(), "personal data left in " + table);
        }
    }
}
