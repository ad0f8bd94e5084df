package place.career.orchestrator.funnel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.orchestrator.support.OrchestratorFixtures.created;
import static place.career.orchestrator.support.OrchestratorFixtures.funnelEvent;
import static place.career.orchestrator.support.OrchestratorFixtures.started;
import static place.career.orchestrator.support.OrchestratorFixtures.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import place.career.events.ApplicationEvent;
import place.career.events.FunnelEvent;
import place.career.events.FunnelStatus;
import place.career.events.FunnelStatusChanged;
import place.career.events.Topics;
import place.career.orchestrator.support.OrchestratorTestBase;

@QuarkusTest
class FunnelRedeliveryTest extends OrchestratorTestBase {

    private static final String FUNNEL_EVENTS_DLQ = Topics.CAREERPLACE_FUNNEL_EVENTS + Topics.DEAD_LETTER_SUFFIX;

    @Test
    void redeliveredEventsHaveOneEffect() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        ApplicationEvent application = created(link.installationId(), opportunityId, link.postingId());
        sendApplication(application);
        sendApplication(application);
        String invitationId = awaitStatus(opportunityId, r -> true, 1).get(0).invitationId();
        FunnelEvent start = started(invitationId);

        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId, start);
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId, start);
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId,
                funnelEvent(FunnelEvent.Type.QUALIFIED, invitationId));

        awaitStatus(opportunityId, r -> r.status() == FunnelStatus.QUALIFIED, 1);
        awaitOutboxEmpty();
        List<FunnelStatus> published = statusRecords(opportunityId).stream().map(FunnelStatusChanged::status).toList();
        assertEquals(List.of(FunnelStatus.INVITED, FunnelStatus.IN_PROGRESS, FunnelStatus.QUALIFIED), published);
        assertEquals(1, query("SELECT 1 FROM funnels WHERE opportunity_id = $1", Tuple.of(opportunityId)).size());
        assertEquals(1, history(application.eventId()).size(), "a redelivery leaves no history row");
        assertEquals(1, history(start.eventId()).size(), "a redelivery leaves no history row");
    }

    @Test
    void repeatedStartIsIgnored() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        sendApplication(created(link.installationId(), opportunityId, link.postingId()));
        String invitationId = awaitStatus(opportunityId, r -> true, 1).get(0).invitationId();
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId, started(invitationId));
        FunnelEvent secondStart = started(invitationId);

        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId, secondStart);

        await().atMost(TIMEOUT).until(() -> !history(secondStart.eventId()).isEmpty());
        assertEquals("IGNORED", history(secondStart.eventId()).get(0).getString("kind"));
        awaitOutboxEmpty();
        assertEquals(2, statusRecords(opportunityId).size());
    }

    @Test
    void lateStartAfterQualifiedIsAbsorbed() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        sendApplication(created(link.installationId(), opportunityId, link.postingId()));
        String invitationId = awaitStatus(opportunityId, r -> true, 1).get(0).invitationId();
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId,
                funnelEvent(FunnelEvent.Type.QUALIFIED, invitationId));
        FunnelEvent lateStart = started(invitationId);

        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId, lateStart);

        await().atMost(TIMEOUT).until(() -> !history(lateStart.eventId()).isEmpty());
        Row absorbed = history(lateStart.eventId()).get(0);
        assertEquals("IGNORED", absorbed.getString("kind"));
        assertEquals("funnel is already QUALIFIED", absorbed.getString("detail"));
        awaitOutboxEmpty();
        List<FunnelStatusChanged> published = statusRecords(opportunityId);
        assertEquals(List.of(FunnelStatus.INVITED, FunnelStatus.QUALIFIED),
                published.stream().map(FunnelStatusChanged::status).toList());
    }

    @Test
    void secondApplicationOfSameOpportunityKeepsFirstFunnel() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        sendApplication(created(link.installationId(), opportunityId, link.postingId()));
        awaitStatus(opportunityId, r -> true, 1);
        ApplicationEvent again = created(link.installationId(), opportunityId, link.postingId());

        sendApplication(again);

        await().atMost(TIMEOUT).until(() -> !history(again.eventId()).isEmpty());
        assertEquals("IGNORED", history(again.eventId()).get(0).getString("kind"));
        assertEquals(1, statusRecords(opportunityId).size());
    }

    @Test
    void poisonRecordsAreDeadLettered() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        sendApplication(created(link.installationId(), opportunityId, link.postingId()));
        String invitationId = awaitStatus(opportunityId, r -> true, 1).get(0).invitationId();
        String marker = unique("poison");
        String unknownInvitation = "{\"eventId\":\"" + marker + "-unknown\",\"type\":\"started\","
                + "\"invitationId\":\"no-such-invitation-" + marker + "\"}";
        String missingInvitation = "{\"eventId\":\"" + marker + "-missing\",\"type\":\"qualified\"}";
        String unknownType = "{\"eventId\":\"" + marker + "-type\",\"type\":\"promoted\",\"invitationId\":\"x\"}";

        kafka.sendRaw(Topics.CAREERPLACE_FUNNEL_EVENTS, marker, ("not json " + marker).getBytes(StandardCharsets.UTF_8));
        kafka.sendRaw(Topics.CAREERPLACE_FUNNEL_EVENTS, marker, unknownInvitation.getBytes(StandardCharsets.UTF_8));
        kafka.sendRaw(Topics.CAREERPLACE_FUNNEL_EVENTS, marker, missingInvitation.getBytes(StandardCharsets.UTF_8));
        kafka.sendRaw(Topics.CAREERPLACE_FUNNEL_EVENTS, marker, unknownType.getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId, started(invitationId));

        awaitStatus(opportunityId, r -> r.status() == FunnelStatus.IN_PROGRESS, 1);
        await().atMost(TIMEOUT).until(() -> deadLetters(marker).size() == 4);
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLetters(marker);
        Set<String> reasons = deadLetters.stream().map(r -> header(r, "dead-letter-reason")).collect(Collectors.toSet());
        assertTrue(reasons.stream().anyMatch(reason -> reason.contains("refers to no known funnel")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(reason -> reason.contains("'invitationId' is missing")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(reason -> reason.contains("not a valid FunnelEvent")), reasons.toString());
        assertEquals(Topics.CAREERPLACE_FUNNEL_EVENTS, header(deadLetters.get(0), "dead-letter-topic"));
        assertTrue(query("SELECT 1 FROM processed_events WHERE event_id LIKE $1", Tuple.of(marker + "%")).isEmpty());
    }

    @Test
    void republishesUnpublishedTransitionWithSameEventId() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        sendApplication(created(link.installationId(), opportunityId, link.postingId()));
        FunnelStatusChanged invited = awaitStatus(opportunityId, r -> true, 1).get(0);
        awaitOutboxEmpty();

        // Same state as a crash after the commit and before the relay marked the row published.
        query("UPDATE funnel_history SET published_at = NULL WHERE status_event_id = $1::uuid",
                Tuple.of(invited.eventId()));

        List<FunnelStatusChanged> copies = awaitStatus(opportunityId, r -> true, 2);
        assertEquals(invited.eventId(), copies.get(1).eventId());
        assertEquals(invited.version(), copies.get(1).version());
        assertEquals(invited.candidateEmail(), copies.get(1).candidateEmail());
        awaitOutboxEmpty();
    }

    @Test
    void eachFunnelsRecordsArriveInVersionOrder() {
        LinkedPosting link = linkedPosting();
        Instant before = Instant.now();
        List<String> opportunities = List.of(unique("opp"), unique("opp"), unique("opp"));
        for (String opportunityId : opportunities) {
            sendApplication(created(link.installationId(), opportunityId, link.postingId()));
        }
        for (String opportunityId : opportunities) {
            String invitationId = awaitStatus(opportunityId, r -> true, 1).get(0).invitationId();
            kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId, started(invitationId));
            kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId,
                    funnelEvent(FunnelEvent.Type.DECLINED, invitationId));
        }

        for (String opportunityId : opportunities) {
            List<FunnelStatusChanged> records = awaitStatus(opportunityId, r -> true, 3);
            assertEquals(List.of(1, 2, 3), records.stream().map(FunnelStatusChanged::version).toList());
            assertEquals("declined", records.get(2).reason());
            assertTrue(!records.get(2).occurredAt().isBefore(before));
        }
    }

    private List<Row> history(String sourceEventId) {
        return query("SELECT kind, detail FROM funnel_history WHERE source_event_id = $1", Tuple.of(sourceEventId));
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return kafka.readAll(FUNNEL_EVENTS_DLQ, TIMEOUT).stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
