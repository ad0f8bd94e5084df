package place.career.leversync.effect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.awaitNotes;
import static place.career.leversync.LeverSyncFixtures.callsFor;
import static place.career.leversync.LeverSyncFixtures.notes;
import static place.career.leversync.LeverSyncFixtures.opportunity;
import static place.career.leversync.LeverSyncFixtures.send;
import static place.career.leversync.LeverSyncFixtures.transition;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import place.career.events.FunnelStatus;
import place.career.events.FunnelStatusChanged;
import place.career.leversim.state.Note;
import place.career.leversim.state.OpportunitySnapshot;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
class FunnelEffectsTest {

    @Test
    void mainPathSetsTagNotesAndStage() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();

        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));
        awaitNotes(account, opportunityId, 1);
        assertEquals(Set.of("CP-Sent"), opportunity(account, opportunityId).tags());

        send(transition(account, opportunityId, funnelId, 2, FunnelStatus.IN_PROGRESS));
        awaitNotes(account, opportunityId, 2);
        assertEquals(Set.of("CP-InProg"), opportunity(account, opportunityId).tags());

        send(transition(account, opportunityId, funnelId, 3, FunnelStatus.QUALIFIED));
        awaitNotes(account, opportunityId, 3);
        // The stage move is the last call of a transition, after the note.
        await().atMost(WAIT).until(() -> LeverSyncFixtures.QUALIFIED_STAGE.equals(
                opportunity(account, opportunityId).stage()));
        OpportunitySnapshot qualified = opportunity(account, opportunityId);
        assertEquals(Set.of("CP-Qual"), qualified.tags());
        assertEquals(LeverSyncFixtures.QUALIFIED_STAGE, qualified.stage());

        List<Note> notes = notes(account, opportunityId);
        assertTrue(notes.get(0).value().contains(LeverSyncFixtures.CANDIDATE_NAME), notes.get(0).value());
        assertTrue(notes.get(0).value().contains("Ingénieure backend (m/w/d)"), notes.get(0).value());
        assertTrue(notes.get(1).value().contains("https://app.career.place/cards/" + funnelId), notes.get(1).value());
        assertTrue(notes.get(2).value().contains("4 Dec 2026, 10:18 UTC"), notes.get(2).value());
        assertTrue(notes.stream().allMatch(note -> LeverSyncFixtures.INTEGRATION_USER.equals(note.user())),
                "every note is written as the perform_as user");
    }

    @Test
    void unqualifiedNoteCarriesReasonInUtf8() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();

        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));
        send(transition(account, opportunityId, funnelId, 2, FunnelStatus.IN_PROGRESS));
        send(transition(account, opportunityId, funnelId, 3, FunnelStatus.UNQUALIFIED));

        awaitNotes(account, opportunityId, 3);
        assertEquals(Set.of("CP-Unqual"), opportunity(account, opportunityId).tags());
        assertEquals(LeverSyncFixtures.FIRST_STAGE, opportunity(account, opportunityId).stage());
        String note = notes(account, opportunityId).get(2).value();
        assertTrue(note.contains("Kein Nachweis für Kubernetes – Grundkenntnisse fehlen"), note);
    }

    @Test
    void redeliveredTransitionAddsNothing() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();
        FunnelStatusChanged invited = transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED);

        send(invited);
        send(invited);
        awaitNotes(account, opportunityId, 1);
        send(invited);
        FunnelStatusChanged started = transition(account, opportunityId, funnelId, 2, FunnelStatus.IN_PROGRESS);
        send(started);
        awaitNotes(account, opportunityId, 2);
        send(started);
        send(invited);
        // A later marker transition proves that the repeats ahead of it were consumed.
        send(transition(account, opportunityId, funnelId, 3, FunnelStatus.QUALIFIED));
        awaitNotes(account, opportunityId, 3);

        assertEquals(3, notes(account, opportunityId).size());
        assertEquals(Set.of("CP-Qual"), opportunity(account, opportunityId).tags());
    }

    @Test
    void lateTransitionNeverMovesBackwards() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();

        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));
        send(transition(account, opportunityId, funnelId, 3, FunnelStatus.QUALIFIED));
        awaitNotes(account, opportunityId, 2);
        send(transition(account, opportunityId, funnelId, 2, FunnelStatus.IN_PROGRESS));
        FunnelStatusChanged closed = transition(account, opportunityId, funnelId, 4, FunnelStatus.CLOSED);
        send(closed);
        awaitNotes(account, opportunityId, 3);

        assertEquals(Set.of("CP-Qual"), opportunity(account, opportunityId).tags());
        assertEquals(LeverSyncFixtures.QUALIFIED_STAGE, opportunity(account, opportunityId).stage());
        assertTrue(notes(account, opportunityId).get(2).value().contains("was closed"));
    }

    @Test
    void closeAfterDeletionMakesNoLeverCall() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();
        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));
        awaitNotes(account, opportunityId, 1);
        int callsBefore = callsFor(account, opportunityId);

        FunnelStatusChanged closed = transition(account, opportunityId, funnelId, 2, FunnelStatus.CLOSED);
        send(new FunnelStatusChanged(closed.eventId(), funnelId, 2, closed.installationId(), opportunityId,
                closed.invitationId(), closed.jobId(), closed.jobTitle(), FunnelStatus.CLOSED, FunnelStatus.INVITED,
                closed.occurredAt(), null, null, null, "DELETED"));
        // The opted-out transition of another funnel runs after the close was consumed.
        String otherFunnel = "funnel-" + LeverSyncFixtures.shortId();
        String otherOpportunity = account.addOpportunity();
        send(transition(account, otherOpportunity, otherFunnel, 1, FunnelStatus.INVITED));
        awaitNotes(account, otherOpportunity, 1);

        assertEquals(callsBefore, callsFor(account, opportunityId));
        assertEquals(1, notes(account, opportunityId).size());
    }

    @Test
    void callsPerTransitionStayWithinLimit() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String funnelId = "funnel-" + LeverSyncFixtures.shortId();

        send(transition(account, opportunityId, funnelId, 1, FunnelStatus.INVITED));
        awaitNotes(account, opportunityId, 1);
        assertEquals(2, callsFor(account, opportunityId), "INVITED: addTags and note");
        send(transition(account, opportunityId, funnelId, 2, FunnelStatus.IN_PROGRESS));
        awaitNotes(account, opportunityId, 2);
        assertEquals(5, callsFor(account, opportunityId), "IN_PROGRESS: removeTags, addTags and note");
        send(transition(account, opportunityId, funnelId, 3, FunnelStatus.QUALIFIED));
        await().atMost(WAIT).until(() -> LeverSyncFixtures.QUALIFIED_STAGE.equals(
                opportunity(account, opportunityId).stage()));
        assertEquals(9, callsFor(account, opportunityId), "QUALIFIED: removeTags, addTags, note and stage");
        send(transition(account, opportunityId, funnelId, 4, FunnelStatus.CLOSED));
        awaitNotes(account, opportunityId, 4);
        assertEquals(10, callsFor(account, opportunityId), "CLOSED: note only");
    }
}
