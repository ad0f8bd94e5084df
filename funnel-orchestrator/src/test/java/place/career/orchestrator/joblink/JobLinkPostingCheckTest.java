package place.career.orchestrator.joblink;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.orchestrator.support.OrchestratorFixtures.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import place.career.events.InstallationChanged;
import place.career.orchestrator.support.FakeLeverSync;

/**
 * The posting check of {@code PUT /api/setup/job-links/{jobId}} against {@link FakeLeverSync},
 * whose response depends on the posting id's prefix.
 */
@QuarkusTest
class JobLinkPostingCheckTest extends JobLinkTestBase {

    private static final String JOB_LINK = "/api/setup/job-links/{jobId}";

    @Test
    void newLinkForwardsCallerToken() {
        Organisation org = connectedOrganisation();
        String postingId = unique("posting");

        String requestId = put(org, unique("job"), postingId, "Data Engineer")
                .statusCode(201)
                .extract().header("X-Request-Id");

        List<LeverSyncRequest> requests = leverSyncRequests(postingId);
        assertEquals(1, requests.size());
        assertEquals("Bearer " + org.admin(), requests.get(0).authorization());
        assertEquals(requestId, requests.get(0).requestId());
    }

    @Test
    void repeatAndTitleChangeSkipCheck() {
        Organisation org = connectedOrganisation();
        String jobId = unique("job");
        String postingId = unique("posting");
        put(org, jobId, postingId, "Data Engineer").statusCode(201);

        put(org, jobId, postingId, "Data Engineer").statusCode(200);
        put(org, jobId, postingId, "Senior Data Engineer").statusCode(200)
                .body("jobTitle", equalTo("Senior Data Engineer"));

        assertEquals(1, leverSyncRequests(postingId).size());
    }

    @Test
    void changedPostingIsChecked() {
        Organisation org = connectedOrganisation();
        String jobId = unique("job");
        put(org, jobId, unique("posting"), "Designer").statusCode(201);
        String newPostingId = unique("posting");

        put(org, jobId, newPostingId, "Designer").statusCode(200)
                .body("postingId", equalTo(newPostingId));

        assertEquals(1, leverSyncRequests(newPostingId).size());
    }

    @Test
    void unknownPostingGets422() {
        Organisation org = connectedOrganisation();
        String jobId = unique("job");
        String postingId = unique(FakeLeverSync.MISSING + "posting");

        put(org, jobId, postingId, "Designer")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/unknown-posting"))
                .body("title", equalTo("Unknown posting"))
                .body("status", equalTo(422))
                .body("detail", containsString("'" + postingId + "'"))
                .body("detail", containsString("GET /api/setup/lever/postings"))
                .body("requestId", notNullValue());

        assertNothingStored(org);
    }

    @Test
    void unknownPostingKeepsExistingLink() {
        Organisation org = connectedOrganisation();
        String jobId = unique("job");
        String postingId = unique("posting");
        put(org, jobId, postingId, "Designer").statusCode(201);

        put(org, jobId, unique(FakeLeverSync.MISSING + "posting"), "Designer").statusCode(422);

        as(org.admin()).get("/api/setup/job-links").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].postingId", equalTo(postingId));
        as(org.admin()).get("/api/setup/audit-log").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].action", equalTo("JOB_LINK_CREATED"));
    }

    @Test
    void leverSyncFailureGets503() {
        Organisation org = connectedOrganisation();
        String postingId = unique(FakeLeverSync.FAILING + "posting");

        assertUnavailable(put(org, unique("job"), postingId, "Designer"), postingId)
                .body("detail", containsString("lever-sync returned HTTP 500"));

        assertNothingStored(org);
    }

    @Test
    void slowLeverSyncTimesOut() {
        Organisation org = connectedOrganisation();
        String postingId = unique(FakeLeverSync.SLOW + "posting");
        long start = System.nanoTime();

        ValidatableResponse response = put(org, unique("job"), postingId, "Designer");

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertUnavailable(response, postingId)
                .body("detail", containsString("did not respond within 1000 ms"));
        // The fake responds after 8 s, so anything well below that means the 1 s timeout cut the call.
        assertTrue(elapsed.compareTo(Duration.ofSeconds(5)) < 0, "the request took " + elapsed);
        assertNothingStored(org);
    }

    @Test
    void droppedConnectionGets503() {
        Organisation org = connectedOrganisation();
        String postingId = unique(FakeLeverSync.DROPPED + "posting");

        assertUnavailable(put(org, unique("job"), postingId, "Designer"), postingId);

        assertNothingStored(org);
    }

    @Test
    void leverSyncWithoutConnectionGets503() {
        Organisation org = connectedOrganisation();
        String postingId = unique(FakeLeverSync.UNCONNECTED + "posting");

        assertUnavailable(put(org, unique("job"), postingId, "Designer"), postingId)
                .body("detail", containsString("lever-sync returned HTTP 404"));

        assertNothingStored(org);
    }

    @Test
    void disconnectedInLeverSyncGets409() {
        Organisation org = connectedOrganisation();
        String postingId = unique(FakeLeverSync.DISCONNECTED + "posting");

        put(org, unique("job"), postingId, "Designer")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/installation-disconnected"))
                .body("status", equalTo(409))
                .body("detail", containsString("is REVOKED"))
                .body("requestId", notNullValue());

        assertNothingStored(org);
    }

    @Test
    void localChecksRunBeforeLeverSync() {
        Organisation org = connectedOrganisation();
        String unknownInstallationPosting = unique("posting");
        String disconnectedPosting = unique("posting");

        as(org.admin()).body(body(unique("never-seen"), unknownInstallationPosting, "Designer"))
                .put(JOB_LINK, unique("job"))
                .then().statusCode(404);
        publishInstallation(org.installationId(), org.organizationId(), InstallationChanged.Status.DISCONNECTED);
        put(org, unique("job"), disconnectedPosting, "Designer").statusCode(409);

        assertEquals(List.of(), leverSyncRequests(unknownInstallationPosting));
        assertEquals(List.of(), leverSyncRequests(disconnectedPosting));
    }

    private ValidatableResponse assertUnavailable(ValidatableResponse response, String postingId) {
        return response.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://career.place/problems/posting-check-unavailable"))
                .body("title", equalTo("Posting check unavailable"))
                .body("status", equalTo(503))
                .body("detail", containsString("'" + postingId + "'"))
                .body("detail", containsString("try again"))
                .body("requestId", notNullValue());
    }

    private void assertNothingStored(Organisation org) {
        as(org.admin()).get("/api/setup/job-links").then().statusCode(200).body("$", hasSize(0));
        as(org.admin()).get("/api/setup/audit-log").then().statusCode(200).body("$", hasSize(0));
    }

    private ValidatableResponse put(Organisation org, String jobId, String postingId, String jobTitle) {
        return as(org.admin()).body(body(org.installationId(), postingId, jobTitle))
                .put(JOB_LINK, jobId)
                .then();
    }
}
