package place.career.notifier.support;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.vertx.mutiny.sqlclient.Pool;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;

import place.career.events.FunnelStatusChanged;
import place.career.events.NotifierOutcome;
import place.career.events.Topics;
import place.career.notifier.support.NotifierFixtures.Candidate;
import place.career.testsupport.GreenMailResource;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.KafkaTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Base of the notifier's Quarkus tests: the real broker, PostgreSQL, GreenMail behind the fault
 * proxy, the shared test clock, and helpers that wait on mail, timers and outcomes.
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(NotifierDatabaseResource.class)
@QuarkusTestResource(GreenMailResource.class)
@QuarkusTestResource(SmtpFaultProxyResource.class)
public abstract class NotifierTestBase {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final Duration QUIET = Duration.ofSeconds(2);

    @Inject protected Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    protected final TestClock clock = TestClock.get();
    private KafkaTestClient kafka;

    @AfterEach
    void closeKafkaAndClearFaults() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        SmtpFaultProxyResource.proxy().clearFaults();
        SmtpFaultProxyResource.proxy().comeUp();
    }

    protected KafkaTestClient kafka() {
        if (kafka == null) {
            kafka = new KafkaTestClient(bootstrapServers);
        }
        return kafka;
    }

    protected TimerTable table() {
        return new TimerTable(pool);
    }

    protected void publish(Candidate candidate, FunnelStatusChanged status) {
        kafka().send(Topics.FUNNEL_STATUS, candidate.key(), status);
    }

    /** Publishes INVITED at {@code at} and waits until the invitation and its timers are stored. */
    protected void invite(Candidate candidate, Instant at) {
        publish(candidate, NotifierFixtures.invited(candidate, at));
        await().atMost(WAIT).until(() -> table().state(candidate.funnelId(), "OPT_OUT-0") != null);
    }

    protected void awaitTimerState(Candidate candidate, String timer, String state) {
        await().atMost(WAIT).until(() -> state.equals(table().state(candidate.funnelId(), timer)));
    }

    /**
     * Waits until exactly {@code count} mails reached the candidate and no more arrive for a while.
     */
    protected void awaitMailCount(Candidate candidate, int count) {
        await().atMost(WAIT).until(() -> Mailbox.countTo(candidate.email()) >= count);
        await().during(QUIET).atMost(WAIT).until(() -> Mailbox.countTo(candidate.email()) == count);
    }

    /** Waits for outcomes of the candidate on {@code notifier.outcomes.v1} and returns them all. */
    protected List<NotifierOutcome> awaitOutcomes(Candidate candidate, int count) {
        return kafka().awaitRecords(
                        Topics.NOTIFIER_OUTCOMES,
                        NotifierOutcome.class,
                        outcome -> candidate.funnelId().equals(outcome.funnelId()),
                        count,
                        WAIT);
    }
}
