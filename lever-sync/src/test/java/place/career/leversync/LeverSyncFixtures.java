package place.career.leversync;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import place.career.events.FunnelStatus;
import place.career.events.FunnelStatusChanged;
import place.career.events.Topics;
import place.career.leversim.LeverSimulator;
import place.career.leversim.oauth.IssuedTokens;
import place.career.leversim.state.Note;
import place.career.leversim.state.OpportunitySnapshot;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.KafkaTestClient;
import place.career.testsupport.LeverSimulatorResource;

/** Test data: simulator accounts, seeded installations and funnel transitions. Fake data only. */
public final class LeverSyncFixtures {

    public static final String QUALIFIED_STAGE = "stage-qualified";
    public static final String FIRST_STAGE = "applicant-new";
    public static final String POSTING = "posting-backend";
    public static final String INTEGRATION_USER = "user-integration";
    public static final String CANDIDATE_NAME = "Zoë 李 Øster";
    public static final List<String> SCOPES = List.of("offline_access", "opportunities:write:admin",
            "notes:write:admin", "stages:read:admin", "postings:read:admin");

    public static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaTestClient kafka;

    private LeverSyncFixtures() {}

    /** A simulator account connected to lever-sync through the development seed endpoint. */
    public record Connected(String accountId, String installationId, String organizationId, String signingToken) {

        public LeverSimulator simulator() {
            return LeverSimulatorResource.simulator();
        }

        /** Adds an opportunity that applied to the account's posting and returns its id. */
        public String addOpportunity() {
            String opportunityId = "opp-" + shortId();
            simulator().addOpportunity(accountId, opportunityId, CANDIDATE_NAME, "zoe." + shortId() + "@example.com",
                    POSTING);
            return opportunityId;
        }
    }

    /** Creates a simulator account with stages, a posting and a user, and seeds its installation. */
    public static Connected connectNewAccount() {
        LeverSimulator simulator = LeverSimulatorResource.simulator();
        String accountId = "acct-" + shortId();
        simulator.createAccount(accountId);
        simulator.addUser(accountId, INTEGRATION_USER, "career.place integration", "integration@example.com");
        simulator.addStage(accountId, FIRST_STAGE, "New applicant");
        simulator.addStage(accountId, QUALIFIED_STAGE, "Qualified by career.place");
        simulator.addPosting(accountId, POSTING, "Ingénieure backend", "published");
        IssuedTokens tokens = simulator.issueTokens(accountId, INTEGRATION_USER, SCOPES);
        String installationId = "inst-" + shortId();
        String organizationId = "org-" + shortId();
        String signingToken = "signing-" + shortId();
        seed(installationId, organizationId, accountId, tokens, signingToken);
        return new Connected(accountId, installationId, organizationId, signingToken);
    }

    /** Posts the development seed request and expects 201. */
    public static void seed(String installationId, String organizationId, String accountId, IssuedTokens tokens,
            String signingToken) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("installationId", installationId);
        body.put("organizationId", organizationId);
        body.put("leverAccountId", accountId);
        body.put("accessToken", tokens.accessToken());
        body.put("refreshToken", tokens.refreshToken());
        body.put("expiresIn", tokens.expiresIn());
        body.put("performAs", INTEGRATION_USER);
        body.put("qualifiedStageId", QUALIFIED_STAGE);
        body.put("signingToken", signingToken);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/setup/dev/installations")
                .then().statusCode(201);
    }

    /** Builds a transition of a funnel with the fixture candidate and job. */
    public static FunnelStatusChanged transition(Connected account, String opportunityId, String funnelId, int version,
            FunnelStatus status) {
        FunnelStatus previous = switch (status) {
            case INVITED -> null;
            case IN_PROGRESS, OPTED_OUT -> FunnelStatus.INVITED;
            default -> FunnelStatus.IN_PROGRESS;
        };
        String cardUrl = status == FunnelStatus.IN_PROGRESS ? "https://app.career.place/cards/" + funnelId : null;
        String reason = switch (status) {
            case UNQUALIFIED -> "Kein Nachweis für Kubernetes – Grundkenntnisse fehlen";
            case OPTED_OUT -> "no start within 420 hours";
            case CLOSED -> "ARCHIVED";
            default -> null;
        };
        return new FunnelStatusChanged(funnelId + "-v" + version, funnelId, version, account.installationId(),
                opportunityId, "inv-" + funnelId, "job-1", "Ingénieure backend (m/w/d)", status, previous,
                Instant.parse("2026-12-04T10:15:00Z").plusSeconds(version * 60L), CANDIDATE_NAME,
                "zoe@example.com", cardUrl, reason);
    }

    /** Returns a Kafka client for the test broker, shared by all tests of the JVM. */
    public static synchronized KafkaTestClient kafka() {
        if (kafka == null) {
            kafka = new KafkaTestClient(KafkaBrokerResource.bootstrapServers());
        }
        return kafka;
    }

    /** Publishes a transition on funnel.status.v1 as the orchestrator would. */
    public static void send(FunnelStatusChanged transition) {
        kafka().send(Topics.FUNNEL_STATUS, transition.key(), transition);
    }

    public static OpportunitySnapshot opportunity(Connected account, String opportunityId) {
        return account.simulator().opportunity(account.accountId(), opportunityId);
    }

    public static List<Note> notes(Connected account, String opportunityId) {
        return account.simulator().account(account.accountId()).notes(opportunityId);
    }

    /** Returns the number of Lever Data API requests about one opportunity. */
    public static int callsFor(Connected account, String opportunityId) {
        return account.simulator().requests("*", "/v1/opportunities/" + opportunityId + "**").size();
    }

    /** Waits until the opportunity has {@code count} notes and checks that it has no more. */
    public static void awaitNotes(Connected account, String opportunityId, int count) {
        await().atMost(WAIT).until(() -> notes(account, opportunityId).size() >= count);
        assertEquals(count, notes(account, opportunityId).size());
    }

    public static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
