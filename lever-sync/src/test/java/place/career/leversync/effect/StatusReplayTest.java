package place.career.leversync.effect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.kafka;
import static place.career.leversync.LeverSyncFixtures.notes;
import static place.career.leversync.LeverSyncFixtures.opportunity;
import static place.career.leversync.LeverSyncFixtures.send;
import static place.career.leversync.LeverSyncFixtures.transition;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import place.career.events.FunnelStatus;
import place.career.events.Topics;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

/**
 * Replays funnel.status.v1 from the beginning, as a developer's replay would, and checks that
 * Lever looks exactly as before: same notes, same tags, same stage.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
class StatusReplayTest {

    private static final List<List<FunnelStatus>> PATHS = List.of(
            List.of(FunnelStatus.INVITED),
            List.of(FunnelStatus.INVITED, FunnelStatus.IN_PROGRESS),
            List.of(FunnelStatus.INVITED, FunnelStatus.IN_PROGRESS, FunnelStatus.QUALIFIED),
            List.of(FunnelStatus.INVITED, FunnelStatus.IN_PROGRESS, FunnelStatus.UNQUALIFIED),
            List.of(FunnelStatus.INVITED, FunnelStatus.OPTED_OUT),
            List.of(FunnelStatus.INVITED, FunnelStatus.IN_PROGRESS, FunnelStatus.QUALIFIED, FunnelStatus.CLOSED));

    @Inject
    Pool pool;

    @Test
    void replayFromBeginningChangesNothingInLever() throws Exception {
        Connected account = LeverSyncFixtures.connectNewAccount();
        Map<String, Integer> expectedNotes = new LinkedHashMap<>();
        for (List<FunnelStatus> path : PATHS) {
            String opportunityId = account.addOpportunity();
            String funnelId = "funnel-" + LeverSyncFixtures.shortId();
            for (int version = 1; version <= path.size(); version++) {
                send(transition(account, opportunityId, funnelId, version, path.get(version - 1)));
            }
            expectedNotes.put(opportunityId, path.size());
        }
        expectedNotes.forEach((opportunityId, count) -> await().atMost(WAIT)
                .until(() -> notes(account, opportunityId).size() == count));
        awaitQuiet(account);
        Map<String, String> before = snapshot(account, expectedNotes.keySet().stream().toList());

        List<ConsumerRecord<String, byte[]>> records = kafka().readAll(Topics.FUNNEL_STATUS, WAIT);
        records.forEach(record -> kafka().sendRaw(Topics.FUNNEL_STATUS, record.key(), record.value()));
        awaitQuiet(account);

        assertTrue(records.size() >= 16, "replayed " + records.size() + " records");
        Map<String, String> after = snapshot(account, expectedNotes.keySet().stream().toList());
        assertEquals(before, after);
        expectedNotes.forEach((opportunityId, count) -> assertEquals(count, notes(account, opportunityId).size()));
    }

    /** Waits until lever-sync consumed every status record and the account has no pending work. */
    private void awaitQuiet(Connected account) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> lag(admin) == 0 && pendingWork(account) == 0);
        }
    }

    private static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("lever-sync")
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                .filter(partition -> partition.topic().equals(Topics.FUNNEL_STATUS))
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            lag += end.getValue().offset() - committed.get(end.getKey()).offset();
        }
        return latest.isEmpty() ? Long.MAX_VALUE : lag;
    }

    private long pendingWork(Connected account) {
        return pool.preparedQuery("select count(*) as pending from lever_sync.work_item where state = 'PENDING'"
                        + " and installation_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(account.installationId()))
                .await().indefinitely().iterator().next().getLong("pending");
    }

    private static Map<String, String> snapshot(Connected account, List<String> opportunityIds) {
        Map<String, String> state = new LinkedHashMap<>();
        for (String opportunityId : opportunityIds) {
            var opportunity = opportunity(account, opportunityId);
            String noteTexts = notes(account, opportunityId).stream()
                    .map(note -> note.noteId() + "=" + note.value())
                    .collect(Collectors.joining("|"));
            state.put(opportunityId, "tags=" + opportunity.tags() + " stage=" + opportunity.stage()
                    + " notes=" + noteTexts);
        }
        return state;
    }
}
