package place.career.notifier.invitation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import place.career.events.FunnelStatus;
import place.career.events.Topics;
import place.career.notifier.support.Mailbox;
import place.career.notifier.support.NotifierDatabaseResource;
import place.career.notifier.support.NotifierFixtures;
import place.career.notifier.support.NotifierFixtures.Candidate;
import place.career.notifier.support.SmtpFaultProxyResource;
import place.career.notifier.support.TestClock;
import place.career.notifier.support.TimerTable;
import place.career.testsupport.GreenMailResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.KafkaTestClient;

import java.time.Duration;
import java.util.List;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(NotifierDatabaseResource.class)
@QuarkusTestResource(GreenMailResource.class)
@QuarkusTestResource(SmtpFaultProxyResource.class)
class InvitationMailTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final TestClock clock = TestClock.get();
    private KafkaTestClient kafka;

    @AfterEach
    void closeKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void sendsInvitationOnceWhenStatusIsDeliveredTwice() {
        Candidate candidate = NotifierFixtures.newCandidate();
        var invited = NotifierFixtures.invited(candidate, clock.instant());

        kafka().send(Topics.FUNNEL_STATUS, candidate.key(), invited);
        kafka().send(Topics.FUNNEL_STATUS, candidate.key(), invited);

        TimerTable table = new TimerTable(pool);
        await().atMost(WAIT)
                .until(() -> "DONE".equals(table.state(candidate.funnelId(), "INVITATION-0")));
        await().during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .until(() -> Mailbox.countTo(candidate.email()) == 1);
        assertEquals("PENDING", table.state(candidate.funnelId(), "REMINDER-1"));
        assertEquals("PENDING", table.state(candidate.funnelId(), "OPT_OUT-0"));
    }

    @Test
    void invitationCarriesLinksHeadersAndUnicodeName() throws Exception {
        Candidate candidate = NotifierFixtures.newCandidate();

        kafka().send(
                        Topics.FUNNEL_STATUS,
                        candidate.key(),
                        NotifierFixtures.invited(candidate, clock.instant()));

        await().atMost(WAIT).until(() -> Mailbox.countTo(candidate.email()) == 1);
        MimeMessage message = Mailbox.messagesTo(candidate.email()).get(0);
        String token = new TimerTable(pool).unsubscribeToken(candidate.funnelId());
        String unsubscribeLink = "http://127.0.0.1:8084/api/unsubscribe/" + token;
        String funnelLink = "https://app.career.place/funnel/" + candidate.invitationId();
        String text = Mailbox.part(message, "text/plain");
        String html = Mailbox.part(message, "text/html");

        assertEquals("Your next step for Backend Engineer (Kotlin)", message.getSubject());
        assertNotNull(text, "plain-text part");
        assertNotNull(html, "HTML part");
        assertTrue(text.contains("Hello Zoë 李,"), "plain text greets the candidate by name");
        assertTrue(html.contains("Hello Zoë 李,"), "HTML greets the candidate by name");
        assertTrue(text.contains(funnelLink), "plain text has the funnel link");
        assertTrue(html.contains("href=\"" + funnelLink + "\""), "HTML links the funnel");
        assertTrue(text.contains(unsubscribeLink), "plain text has the unsubscribe link");
        assertEquals("<" + unsubscribeLink + ">", Mailbox.header(message, "List-Unsubscribe"));
        assertEquals(
                "List-Unsubscribe=One-Click", Mailbox.header(message, "List-Unsubscribe-Post"));
        assertEquals(
                "<invitation-0." + candidate.funnelId() + "@notifier.career.place>",
                message.getMessageID());
    }

    @Test
    void laterStatusCancelsPendingReminders() {
        Candidate candidate = NotifierFixtures.newCandidate();
        kafka().send(
                        Topics.FUNNEL_STATUS,
                        candidate.key(),
                        NotifierFixtures.invited(candidate, clock.instant()));
        TimerTable table = new TimerTable(pool);
        await().atMost(WAIT)
                .until(() -> "DONE".equals(table.state(candidate.funnelId(), "INVITATION-0")));

        kafka().send(
                        Topics.FUNNEL_STATUS,
                        candidate.key(),
                        NotifierFixtures.transition(
                                candidate, 2, FunnelStatus.IN_PROGRESS, null, clock.instant()));

        await().atMost(WAIT)
                .until(() -> "CANCELLED".equals(table.state(candidate.funnelId(), "OPT_OUT-0")));
        for (String timer : List.of("REMINDER-1", "REMINDER-2", "REMINDER-3", "REMINDER-4")) {
            assertEquals("CANCELLED", table.state(candidate.funnelId(), timer), timer);
        }
        assertEquals("IN_PROGRESS", table.invitationColumn(candidate.funnelId(), "stop_reason"));
    }

    @Test
    void closedAsDeletedErasesNameAndAddress() {
        Candidate candidate = NotifierFixtures.newCandidate();
        kafka().send(
                        Topics.FUNNEL_STATUS,
                        candidate.key(),
                        NotifierFixtures.invited(candidate, clock.instant()));
        TimerTable table = new TimerTable(pool);
        await().atMost(WAIT).until(() -> table.state(candidate.funnelId(), "INVITATION-0") != null);

        kafka().send(
                        Topics.FUNNEL_STATUS,
                        candidate.key(),
                        NotifierFixtures.transition(
                                candidate, 2, FunnelStatus.CLOSED, "deleted", clock.instant()));

        await().atMost(WAIT)
                .until(() -> table.invitationColumn(candidate.funnelId(), "erased_at") != null);
        assertNull(table.invitationColumn(candidate.funnelId(), "candidate_email"));
        assertNull(table.invitationColumn(candidate.funnelId(), "candidate_name"));
        assertEquals("CANCELLED", table.state(candidate.funnelId(), "OPT_OUT-0"));
    }

    @Test
    void lateInvitedAfterLaterStatusSendsNothing() {
        Candidate candidate = NotifierFixtures.newCandidate();
        kafka().send(
                        Topics.FUNNEL_STATUS,
                        candidate.key(),
                        NotifierFixtures.transition(
                                candidate, 2, FunnelStatus.QUALIFIED, null, clock.instant()));
        kafka().send(
                        Topics.FUNNEL_STATUS,
                        candidate.key(),
                        NotifierFixtures.invited(candidate, clock.instant()));
        TimerTable table = new TimerTable(pool);

        await().atMost(WAIT)
                .until(() -> table.invitationColumn(candidate.funnelId(), "stop_reason") != null);
        await().during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .until(() -> Mailbox.countTo(candidate.email()) == 0);
        assertEquals("QUALIFIED", table.invitationColumn(candidate.funnelId(), "stop_reason"));
        assertTrue(
                table.states(candidate.funnelId()).isEmpty(),
                "no timers for a funnel first seen as QUALIFIED");
    }

    @Test
    void malformedStatusGoesToDeadLetterTopic() {
        String key = "inst-test:opp-malformed-" + System.nanoTime();

        kafka().sendRaw(Topics.FUNNEL_STATUS, key, "{not json".getBytes());

        await().atMost(WAIT)
                .until(
                        () ->
                                kafka()
                                        .readAll(
                                                Topics.FUNNEL_STATUS + Topics.DEAD_LETTER_SUFFIX,
                                                WAIT)
                                        .stream()
                                        .anyMatch(record -> key.equals(record.key())));
    }

    private KafkaTestClient kafka() {
        if (kafka == null) {
            kafka = new KafkaTestClient(bootstrapServers);
        }
        return kafka;
    }
}
