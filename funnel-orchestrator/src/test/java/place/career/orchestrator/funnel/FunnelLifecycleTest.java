package place.career.orchestrator.funnel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.orchestrator.support.OrchestratorFixtures.created;
import static place.career.orchestrator.support.OrchestratorFixtures.funnelEvent;
import static place.career.orchestrator.support.OrchestratorFixtures.started;
import static place.career.orchestrator.support.OrchestratorFixtures.unique;
import static place.career.orchestrator.support.OrchestratorFixtures.unqualified;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import place.career.events.ApplicationEvent;
import place.career.events.FunnelEvent;
import place.career.events.FunnelStatus;
import place.career.events.FunnelStatusChanged;
import place.career.events.Topics;
import place.career.orchestrator.support.OrchestratorTestBase;

@QuarkusTest
class FunnelLifecycleTest extends OrchestratorTestBase {

    @Test
    void linkedApplicationIsInvitedThenQualified() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        ApplicationEvent application = created(link.installationId(), opportunityId, link.postingId());

        sendApplication(application);

        FunnelStatusChanged invited = awaitStatus(opportunityId, r -> r.status() == FunnelStatus.INVITED, 1).get(0);
        assertEquals(1, invited.version());
        assertNull(invited.previousStatus());
        assertEquals(link.jobId(), invited.jobId());
        assertEquals("Backend Engineer", invited.jobTitle());
        assertEquals("Zoë " + opportunityId, invited.candidateName());
        assertEquals(application.candidateEmail(), invited.candidateEmail());
        assertEquals(link.installationId() + ":" + opportunityId, invited.key());
        assertTrue(invited.invitationId().length() >= 22, "invitation id carries at least 128 random bits");
        assertNotNull(UUID.fromString(invited.funnelId()));

        FunnelEvent start = started(invited.invitationId());
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invited.invitationId(), start);
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invited.invitationId(),
                funnelEvent(FunnelEvent.Type.SUBMITTED, invited.invitationId()));
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invited.invitationId(),
                funnelEvent(FunnelEvent.Type.QUALIFIED, invited.invitationId()));

        List<FunnelStatusChanged> all = awaitStatus(opportunityId, r -> true, 3);
        assertEquals(List.of(FunnelStatus.INVITED, FunnelStatus.IN_PROGRESS, FunnelStatus.QUALIFIED),
                all.stream().map(FunnelStatusChanged::status).toList());
        assertEquals(List.of(1, 2, 3), all.stream().map(FunnelStatusChanged::version).toList());
        assertEquals(start.applicantCardUrl(), all.get(1).applicantCardUrl());
        assertEquals(FunnelStatus.IN_PROGRESS, all.get(2).previousStatus());
        assertEquals(invited.candidateEmail(), all.get(2).candidateEmail());
    }

    @Test
    void unqualifiedResultCarriesReason() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        sendApplication(created(link.installationId(), opportunityId, link.postingId()));
        String invitationId = awaitStatus(opportunityId, r -> true, 1).get(0).invitationId();

        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId, unqualified(invitationId, "No Java experience"));

        FunnelStatusChanged result = awaitStatus(opportunityId, r -> r.version() == 2, 1).get(0);
        assertEquals(FunnelStatus.UNQUALIFIED, result.status());
        assertEquals(FunnelStatus.INVITED, result.previousStatus());
        assertEquals("No Java experience", result.reason());
    }

    @Test
    void unlinkedPostingStartsNoFunnel() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        ApplicationEvent application = created(link.installationId(), opportunityId, unique("other-posting"));

        sendApplication(application);

        await().atMost(TIMEOUT).until(() -> !query(
                "SELECT 1 FROM skipped_applications WHERE source_event_id = $1", Tuple.of(application.eventId()))
                .isEmpty());
        assertTrue(query("SELECT 1 FROM funnels WHERE opportunity_id = $1", Tuple.of(opportunityId)).isEmpty());
        assertTrue(statusRecords(opportunityId).isEmpty());
    }
}
