package place.career.orchestrator.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import place.career.orchestrator.support.OrchestratorTestBase;

@QuarkusTest
class OperationsEndpointsTest extends OrchestratorTestBase {

    @Test
    void readinessIsUp() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void openApiListsSetupAndTimeline() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/api/setup/job-links/{jobId}"))
                .body(containsString("/api/funnels/{funnelId}/timeline"))
                .body(containsString("careerPlaceJwt"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("kafka_consumer"));
    }

    @Test
    void echoesRequestId() {
        given().header(RequestIdFilter.HEADER, "req-42").get("/api/setup/job-links")
                .then().statusCode(401)
                .header(RequestIdFilter.HEADER, "req-42")
                .body("requestId", equalTo("req-42"));
    }
}
