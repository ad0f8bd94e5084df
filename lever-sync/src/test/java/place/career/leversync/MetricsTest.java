package place.career.leversync;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static place.career.leversync.LeverSyncFixtures.WAIT;
import static place.career.leversync.LeverSyncFixtures.awaitNotes;
import static place.career.leversync.LeverSyncFixtures.send;
import static place.career.leversync.LeverSyncFixtures.transition;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import place.career.events.FunnelStatus;
import place.career.leversync.LeverSyncFixtures.Connected;
import place.career.testsupport.KafkaBrokerResource;
import place.career.testsupport.LeverSimulatorResource;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PrivateDatabaseResource.class)
@QuarkusTestResource(LeverSimulatorResource.class)
class MetricsTest {

    @Test
    void prometheusShowsCallsRetriesLimiterAndLag() {
        Connected account = LeverSyncFixtures.connectNewAccount();
        String opportunityId = account.addOpportunity();
        account.simulator().failNext("POST", "/v1/opportunities/" + opportunityId + "/addTags", 1, 502);

        send(transition(account, opportunityId, "funnel-" + LeverSyncFixtures.shortId(), 1, FunnelStatus.INVITED));
        awaitNotes(account, opportunityId, 1);
        // The effect lag is recorded once the transition's outcome is stored, a moment after the note.
        await().atMost(WAIT).until(() -> given().when().get("/q/metrics").asString()
                .contains("leversync_effect_lag_seconds_count{status=\"INVITED\"}"));

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("leversync_lever_calls_total{endpoint=\"addTags\",status=\"502\"}"))
                .body(containsString("leversync_lever_calls_total{endpoint=\"addNote\",status=\"201\"}"))
                .body(containsString("leversync_work_retries_total{cause=\"502\",kind=\"FUNNEL_TRANSITION\"}"))
                .body(containsString("leversync_limiter_wait_seconds_count"))
                .body(containsString("leversync_effect_lag_seconds_count{status=\"INVITED\"}"))
                .body(containsString("leversync_dead_lettered_total{topic=\"funnel.status.v1.dlq\"}"))
                .body(containsString("leversync_lanes"));
    }

    @Test
    void readinessIncludesDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(containsString("\"status\": \"UP\""))
                .body(containsString("Kafka"));
    }
}
