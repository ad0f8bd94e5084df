package place.career.leversync.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.kafka;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import place.career.events.ApplicationEvent;
import place.career.events.EventJson;
import place.career.events.Topics;
import place.career.events.WebhookReceived;
import place.career.leversync.LeverSyncFixtures;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.leversync.PrivateDatabaseResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
class WebhookConsumerTest {

    @Inject
    Pool pool;

    @Test
    void applicationCreatedPublishesCandidateFromLever() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        String applicationId = account.simulator().opportunity(account.accountId(), opportunityId).applicationId();
        WebhookReceived webhook = webhook(account, WebhookReceived.APPLICATION_CREATED, opportunityId, null);

        send(webhook);
        send(webhook);

        ApplicationEvent created = awaitApplicationEvent(webhook);
        assertEquals(ApplicationEvent.Type.CREATED, created.type());
        assertEquals(LeverSyncFixtures.POSTING, created.postingId());
        assertEquals(applicationId, created.applicationId());
        assertEquals(LeverSyncFixtures.CANDIDATE_NAME, created.candidateName());
        assertTrue(created.candidateEmail().endsWith("@example.com"));
        assertEquals("https://hire.lever.co/candidates/" + opportunityId, created.leverUrl());
        assertEquals(Instant.ofEpochMilli(webhook.triggeredAt()), created.occurredAt());
        assertEquals(1, account.simulator().requests("GET", "/v1/opportunities/" + opportunityId).size(),
                "a redelivered webhook reads Lever only once");
    }

    @Test
    void archiveHireAndDeleteCloseTheApplication() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String archived = account.addOpportunity();
        String hired = account.addOpportunity();
        String deleted = account.addOpportunity();
        WebhookReceived archive = webhook(account, WebhookReceived.CANDIDATE_ARCHIVE_CHANGE, archived, true);
        WebhookReceived hire = webhook(account, WebhookReceived.CANDIDATE_HIRED, hired, null);
        WebhookReceived delete = webhook(account, WebhookReceived.CANDIDATE_DELETED, deleted, null);

        send(archive);
        send(hire);
        send(delete);

        assertEquals(ApplicationEvent.CloseReason.ARCHIVED, awaitApplicationEvent(archive).closeReason());
        assertEquals(ApplicationEvent.Type.CLOSED, awaitApplicationEvent(archive).type());
        assertEquals(ApplicationEvent.CloseReason.HIRED, awaitApplicationEvent(hire).closeReason());
        ApplicationEvent erased = awaitApplicationEvent(delete);
        assertEquals(ApplicationEvent.Type.ERASED, erased.type());
        assertEquals(ApplicationEvent.CloseReason.DELETED, erased.closeReason());
        assertEquals(0, account.simulator().requests("*", "/v1/**").stream()
                .filter(request -> account.accountId().equals(request.accountId())).count(),
                "closing needs no Lever call");
    }

    @Test
    void closesWhileRevokedSkipParkedCreations() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String hired = account.addOpportunity();
        String deleted = account.addOpportunity();
        account.simulator().revokeGrant(account.accountId());
        WebhookReceived createHired = webhook(account, WebhookReceived.APPLICATION_CREATED, hired, null);
        WebhookReceived createDeleted = webhook(account, WebhookReceived.APPLICATION_CREATED, deleted, null);
        send(createHired);
        send(createDeleted);
        await().atMost(WAIT).until(() -> "REVOKED".equals(installationStatus(account.installationId())));
        assertEquals("PENDING", workItemState(account, createHired));

        WebhookReceived hire = webhook(account, WebhookReceived.CANDIDATE_HIRED, hired, null);
        WebhookReceived delete = webhook(account, WebhookReceived.CANDIDATE_DELETED, deleted, null);
        send(hire);
        send(delete);

        assertEquals(ApplicationEvent.CloseReason.HIRED, awaitApplicationEvent(hire).closeReason());
        assertEquals(ApplicationEvent.Type.ERASED, awaitApplicationEvent(delete).type());
        assertEquals("SKIPPED", workItemState(account, createHired));
        assertEquals("SKIPPED", workItemState(account, createDeleted));
        Set<String> createdIds = Set.of(ApplicationEvents.eventIdFor(createHired),
                ApplicationEvents.eventIdFor(createDeleted));
        long created = kafka().readAll(Topics.LEVER_APPLICATIONS, WAIT).stream()
                .map(record -> EventJson.read(record.value(), ApplicationEvent.class))
                .filter(event -> createdIds.contains(event.eventId()))
                .count();
        assertEquals(0, created, "no funnel may start for an application closed before it was read");
    }

    @Test
    void unarchiveAndStageChangePublishNothing() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        WebhookReceived unarchive = webhook(account, WebhookReceived.CANDIDATE_ARCHIVE_CHANGE, opportunityId, false);
        WebhookReceived stageChange = webhook(account, WebhookReceived.CANDIDATE_STAGE_CHANGE, opportunityId, null);
        WebhookReceived marker = webhook(account, WebhookReceived.CANDIDATE_HIRED, opportunityId, null);

        send(unarchive);
        send(stageChange);
        send(marker);

        awaitApplicationEvent(marker);
        List<ConsumerRecord<String, byte[]>> records = kafka().readAll(Topics.LEVER_APPLICATIONS, WAIT);
        long forOpportunity = records.stream()
                .filter(record -> new String(record.value(), StandardCharsets.UTF_8).contains(opportunityId))
                .count();
        assertEquals(1, forOpportunity, "only the hire produced an event");
    }

    @Test
    void confidentialOpportunityIsSkippedAndRecorded() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        account.simulator().setConfidential(account.accountId(), opportunityId, true);
        WebhookReceived webhook = webhook(account, WebhookReceived.APPLICATION_CREATED, opportunityId, null);

        send(webhook);

        String dedupeKey = "webhook:" + account.installationId() + ":" + webhook.deliveryId();
        await().atMost(WAIT).until(() -> "SKIPPED".equals(workItem(dedupeKey).getString("state")));
        assertTrue(workItem(dedupeKey).getString("last_error").contains("403"), workItem(dedupeKey).getString("last_error"));
        // One inaccessible opportunity is not a fault of the connection.
        assertNull(installationRow(account.installationId()).getString("last_error"));
    }

    private Row workItem(String dedupeKey) {
        return pool.preparedQuery("select state, last_error from lever_sync.work_item where dedupe_key = $1")
                .execute(Tuple.of(dedupeKey))
                .await().indefinitely().iterator().next();
    }

    @Test
    void connectionCheckRecordsVerificationAndWebhookTime() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        WebhookReceived check = new WebhookReceived("check-" + LeverSyncFixtures.shortId(), account.installationId(),
                WebhookReceived.CANDIDATE_HIRED, System.currentTimeMillis(), Instant.now(), null, null, null, null, null,
                null, null, true);

        kafka().send(Topics.LEVER_WEBHOOKS, check.key(), check);

        await().atMost(WAIT).until(() -> installationRow(account.installationId()).getOffsetDateTime("last_verified_at")
                != null);
        Row row = installationRow(account.installationId());
        assertNotNull(row.getOffsetDateTime("last_webhook_at"));
        assertNull(row.getString("last_error"));
    }

    @Test
    void malformedRecordGoesToDeadLetterTopic() {
        String marker = "not-json-" + LeverSyncFixtures.shortId();

        kafka().sendRaw(Topics.LEVER_WEBHOOKS, marker, ("{" + marker).getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).until(() -> kafka().readAll(Topics.LEVER_WEBHOOKS + Topics.DEAD_LETTER_SUFFIX, WAIT)
                .stream().anyMatch(record -> marker.equals(record.key())));
        ConsumerRecord<String, byte[]> dead = kafka().readAll(Topics.LEVER_WEBHOOKS + Topics.DEAD_LETTER_SUFFIX, WAIT)
                .stream().filter(record -> marker.equals(record.key())).findFirst().orElseThrow();
        assertNotNull(dead.headers().lastHeader("dead-letter-reason"));
    }

    private Row installationRow(String installationId) {
        return pool.preparedQuery("select last_webhook_at, last_verified_at, last_error from lever_sync.installation"
                        + " where id = $1")
                .execute(Tuple.of(installationId))
                .await().indefinitely().iterator().next();
    }

    private String installationStatus(String installationId) {
        return pool.preparedQuery("select status from lever_sync.installation where id = $1")
                .execute(Tuple.of(installationId))
                .await().indefinitely().iterator().next().getString("status");
    }

    private String workItemState(Connected account, WebhookReceived webhook) {
        return pool.preparedQuery("select state from lever_sync.work_item where dedupe_key = $1")
                .execute(Tuple.of("webhook:" + account.installationId() + ":" + webhook.deliveryId()))
                .await().indefinitely().iterator().next().getString("state");
    }

    private static void send(WebhookReceived webhook) {
        kafka().send(Topics.LEVER_WEBHOOKS, webhook.key(), webhook);
    }

    private static ApplicationEvent awaitApplicationEvent(WebhookReceived webhook) {
        String eventId = ApplicationEvents.eventIdFor(webhook);
        return kafka().awaitRecords(Topics.LEVER_APPLICATIONS, ApplicationEvent.class,
                event -> eventId.equals(event.eventId()), 1, WAIT).get(0);
    }

    private static WebhookReceived webhook(Connected account, String event, String opportunityId, Boolean archived) {
        return new WebhookReceived("delivery-" + LeverSyncFixtures.shortId(), account.installationId(), event,
                System.currentTimeMillis(), Instant.now(), opportunityId, null, "contact-1", null, null, archived,
                Boolean.TRUE.equals(archived) ? "reason-1" : null, false);
    }
}
