package place.career.orchestrator.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import place.career.events.ApplicationEvent;
import place.career.events.FunnelStatusChanged;
import place.career.events.InstallationChanged;
import place.career.events.Topics;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.KafkaTestClient;
import place.career.testsupport.PostgresResource;

/**
 * Shared set-up of the service tests: a real broker and PostgreSQL, trusted test tokens, and
 * helpers that drive the service through its topics and HTTP API. Each test uses its own ids.
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(TestTokens.class)
@QuarkusTestResource(OrchestratorTopics.class)
@QuarkusTestResource(FakeLeverSync.class)
public abstract class OrchestratorTestBase {

    /** Time allowed for the service to react to a record. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    protected Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    @ConfigProperty(name = "orchestrator.lever-sync.url")
    protected String leverSyncUrl;

    protected KafkaTestClient kafka;

    @BeforeEach
    void openKafka() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    /** Publishes an installation state and waits until the service stored it. */
    protected void publishInstallation(
            String installationId, String organizationId, InstallationChanged.Status status) {
        Instant updatedAt = Instant.now();
        kafka.send(Topics.LEVER_INSTALLATIONS, installationId,
                OrchestratorFixtures.installation(installationId, organizationId, status, updatedAt));
        await().atMost(TIMEOUT).until(() -> {
            List<Row> rows = query("SELECT status FROM installations WHERE installation_id = $1 AND updated_at >= $2",
                    Tuple.of(installationId, updatedAt.atOffset(java.time.ZoneOffset.UTC)));
            return !rows.isEmpty() && status.name().equals(rows.get(0).getString("status"));
        });
    }

    /** Creates a connected installation of a new organisation and links a job to a posting of it. */
    protected LinkedPosting linkedPosting() {
        String organizationId = OrchestratorFixtures.unique("org");
        String installationId = OrchestratorFixtures.unique("inst");
        String postingId = OrchestratorFixtures.unique("posting");
        String jobId = OrchestratorFixtures.unique("job");
        publishInstallation(installationId, organizationId, InstallationChanged.Status.CONNECTED);
        given().auth().oauth2(TestTokens.admin("admin-1", organizationId))
                .contentType(ContentType.JSON)
                .body(Map.of("installationId", installationId, "postingId", postingId, "jobTitle", "Backend Engineer"))
                .put("/api/setup/job-links/{jobId}", jobId)
                .then().statusCode(201);
        return new LinkedPosting(organizationId, installationId, postingId, jobId);
    }

    /**
     * Returns the requests that {@link FakeLeverSync} received for a posting, oldest first, each as
     * its {@code Authorization} and {@code X-Request-Id} headers.
     */
    protected List<LeverSyncRequest> leverSyncRequests(String postingId) {
        String lines = given().baseUri(leverSyncUrl).queryParam("postingId", postingId)
                .get("/_fake/requests")
                .then().statusCode(200)
                .extract().asString();
        List<LeverSyncRequest> requests = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (!line.isEmpty()) {
                String[] headers = line.split("\t", -1);
                requests.add(new LeverSyncRequest(headers[0], headers[1]));
            }
        }
        return requests;
    }

    /** Sends an application event under its candidate key. */
    protected void sendApplication(ApplicationEvent event) {
        kafka.send(Topics.LEVER_APPLICATIONS, event.key(), event);
    }

    /** Waits for {@code count} status records of an opportunity that match, and returns all matches. */
    protected List<FunnelStatusChanged> awaitStatus(
            String opportunityId, Predicate<FunnelStatusChanged> match, int count) {
        return kafka.awaitRecords(Topics.FUNNEL_STATUS, FunnelStatusChanged.class,
                record -> opportunityId.equals(record.opportunityId()) && match.test(record), count, TIMEOUT);
    }

    /** Returns every status record of an opportunity that is on the topic now. */
    protected List<FunnelStatusChanged> statusRecords(String opportunityId) {
        List<FunnelStatusChanged> records = new ArrayList<>();
        kafka.readAll(Topics.FUNNEL_STATUS, TIMEOUT).forEach(record -> {
            FunnelStatusChanged status = place.career.events.EventJson.read(record.value(), FunnelStatusChanged.class);
            if (opportunityId.equals(status.opportunityId())) {
                records.add(status);
            }
        });
        return records;
    }

    /** Waits until every transition in the outbox has been published. */
    protected void awaitOutboxEmpty() {
        await().atMost(TIMEOUT).until(() -> query(
                "SELECT 1 FROM funnel_history WHERE kind = 'TRANSITION' AND published_at IS NULL", Tuple.tuple())
                .isEmpty());
    }

    /** Runs a query on the service's schema and returns its rows. */
    protected List<Row> query(String sql, Tuple values) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(values).await().atMost(TIMEOUT).forEach(rows::add);
        return rows;
    }

    /**
     * A posting check request as the fake lever-sync received it.
     *
     * @param authorization the {@code Authorization} header
     * @param requestId the {@code X-Request-Id} header
     */
    public record LeverSyncRequest(String authorization, String requestId) {}

    /**
     * A job linked to a posting of a connected installation.
     *
     * @param organizationId the organisation that owns the installation
     * @param installationId the installation
     * @param postingId the linked posting
     * @param jobId the linked job
     */
    public record LinkedPosting(String organizationId, String installationId, String postingId, String jobId) {}
}
