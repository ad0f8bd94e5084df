package place.career.orchestrator.joblink;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static place.career.orchestrator.support.OrchestratorFixtures.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;
import place.career.events.InstallationChanged;
import place.career.orchestrator.support.TestTokens;

@QuarkusTest
class JobLinkResourceTest extends JobLinkTestBase {

    private static final String JOB_LINK = "/api/setup/job-links/{jobId}";

    @Test
    void createsThenUpdatesLinkWithAuditEntries() {
        Organisation org = connectedOrganisation();
        String jobId = unique("job");

        as(org.admin()).body(body(org.installationId(), "posting-1", "Data Engineer"))
                .put(JOB_LINK, jobId)
                .then().statusCode(201)
                .header("Location", containsString("/api/setup/job-links/" + jobId))
                .body("jobId", equalTo(jobId))
                .body("postingId", equalTo("posting-1"))
                .body("createdBy", equalTo("admin-" + org.organizationId()));
        as(org.admin()).body(body(org.installationId(), "posting-1", "Data Engineer"))
                .put(JOB_LINK, jobId)
                .then().statusCode(200);
        as(org.admin()).body(body(org.installationId(), "posting-2", "Senior Data Engineer"))
                .put(JOB_LINK, jobId)
                .then().statusCode(200)
                .body("postingId", equalTo("posting-2"))
                .body("jobTitle", equalTo("Senior Data Engineer"));

        as(org.admin()).get("/api/setup/job-links")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].postingId", equalTo("posting-2"));
        as(org.admin()).get("/api/setup/audit-log")
                .then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].action", equalTo("JOB_LINK_UPDATED"))
                .body("[0].before.postingId", equalTo("posting-1"))
                .body("[0].after.postingId", equalTo("posting-2"))
                .body("[0].actor", equalTo("admin-" + org.organizationId()))
                .body("[0].requestId", notNullValue())
                .body("[1].action", equalTo("JOB_LINK_CREATED"))
                .body("[1].before", nullValue());
    }

    @Test
    void deletesLinkAndAuditsIt() {
        Organisation org = connectedOrganisation();
        String jobId = unique("job");
        as(org.admin()).body(body(org.installationId(), "posting-1", "Designer")).put(JOB_LINK, jobId)
                .then().statusCode(201);

        as(org.admin()).delete(JOB_LINK, jobId).then().statusCode(204);

        as(org.admin()).delete(JOB_LINK, jobId).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/not-found"));
        as(org.admin()).get("/api/setup/job-links").then().statusCode(200).body("$", hasSize(0));
        as(org.admin()).get("/api/setup/audit-log").then().statusCode(200)
                .body("[0].action", equalTo("JOB_LINK_DELETED"))
                .body("[0].before.postingId", equalTo("posting-1"))
                .body("[0].after", nullValue());
    }

    @Test
    void rejectsSecondJobForSamePosting() {
        Organisation org = connectedOrganisation();
        as(org.admin()).body(body(org.installationId(), "posting-1", "Designer")).put(JOB_LINK, "job-a")
                .then().statusCode(201);

        as(org.admin()).body(body(org.installationId(), "posting-1", "Designer")).put(JOB_LINK, "job-b")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/posting-already-linked"))
                .body("status", equalTo(409))
                .body("detail", containsString("job 'job-a'"))
                .body("requestId", notNullValue());
    }

    @Test
    void rejectsRequestWithoutToken() {
        given().contentType(ContentType.JSON).body(body("inst", "posting", "Title"))
                .put(JOB_LINK, "job-1")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://career.place/problems/unauthenticated"))
                .body("status", equalTo(401));
        given().get("/api/setup/job-links").then().statusCode(401);
        given().delete(JOB_LINK, "job-1").then().statusCode(401);
    }

    @Test
    void rejectsTokenSignedByUnknownKey() {
        Organisation org = connectedOrganisation();

        as(TestTokens.adminSignedByStranger("admin-x", org.organizationId())).get("/api/setup/job-links")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void rejectsNonAdmin() {
        Organisation org = connectedOrganisation();
        String member = TestTokens.member("member-1", org.organizationId());

        as(member).body(body(org.installationId(), "posting-1", "Designer")).put(JOB_LINK, "job-1")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/forbidden"));
        as(member).get("/api/setup/job-links").then().statusCode(403);
        as(member).delete(JOB_LINK, "job-1").then().statusCode(403);
        as(member).get("/api/setup/audit-log").then().statusCode(403);
    }

    @Test
    void rejectsAdminTokenWithoutOrganisation() {
        as(TestTokens.adminWithoutOrganization("admin-y")).get("/api/setup/job-links")
                .then().statusCode(403)
                .body("detail", containsString("org_id"));
    }

    @Test
    void hidesOtherOrganisationsInstallation() {
        Organisation owner = connectedOrganisation();
        Organisation intruder = connectedOrganisation();

        as(intruder.admin()).body(body(owner.installationId(), "posting-1", "Designer")).put(JOB_LINK, "job-1")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString(owner.installationId()));
        as(owner.admin()).get("/api/setup/audit-log").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void hidesOtherOrganisationsLinks() {
        Organisation owner = connectedOrganisation();
        Organisation other = connectedOrganisation();
        String jobId = unique("job");
        as(owner.admin()).body(body(owner.installationId(), "posting-1", "Designer")).put(JOB_LINK, jobId)
                .then().statusCode(201);

        as(other.admin()).get("/api/setup/job-links").then().statusCode(200).body("$", hasSize(0));
        as(other.admin()).delete(JOB_LINK, jobId).then().statusCode(404);
        as(other.admin()).get("/api/setup/audit-log").then().statusCode(200).body("$", hasSize(0));
        as(owner.admin()).get("/api/setup/job-links").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void rejectsUnknownInstallation() {
        Organisation org = connectedOrganisation();

        as(org.admin()).body(body(unique("never-seen"), "posting-1", "Designer")).put(JOB_LINK, "job-1")
                .then().statusCode(404);
    }

    @Test
    void rejectsDisconnectedInstallation() {
        Organisation org = connectedOrganisation();
        publishInstallation(org.installationId(), org.organizationId(), InstallationChanged.Status.DISCONNECTED);

        as(org.admin()).body(body(org.installationId(), "posting-1", "Designer")).put(JOB_LINK, "job-1")
                .then().statusCode(409)
                .body("type", equalTo("https://career.place/problems/installation-disconnected"));
    }

    @Test
    void rejectsInvalidValues() {
        Organisation org = connectedOrganisation();

        as(org.admin()).body(body(org.installationId(), "", "Designer")).put(JOB_LINK, "job-1")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/invalid-request"))
                .body("detail", containsString("postingId"));
        as(org.admin()).body(body(org.installationId(), "posting-1", "  ")).put(JOB_LINK, "job-1")
                .then().statusCode(400)
                .body("detail", containsString("jobTitle"));
        as(org.admin()).body(body(org.installationId(), "posting-1", "Designer")).put(JOB_LINK, "job 1")
                .then().statusCode(400)
                .body("detail", containsString("jobId"));
        as(org.admin()).get("/api/setup/audit-log?limit=0").then().statusCode(400);
        as(org.admin()).get("/api/setup/audit-log?limit=x").then().statusCode(400)
                .body("type", equalTo("https://career.place/problems/invalid-request"))
                .body("detail", containsString("'limit' must be a whole number from 1 to 500, got 'x'"));
    }

    @Test
    void rejectsMalformedJsonWithLocation() {
        Organisation org = connectedOrganisation();

        as(org.admin()).body("{\n  \"postingId\": bad json").put(JOB_LINK, "job-x")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/malformed-json"))
                .body("title", equalTo("Malformed JSON"))
                .body("status", equalTo(400))
                .body("detail", containsString("line 2, column"))
                .body("detail", containsString("Send a JSON object with the fields installationId, postingId and"
                        + " jobTitle."))
                .body("detail", not(containsString("bad")))
                .body("requestId", notNullValue());
        as(org.admin()).get("/api/setup/audit-log").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void rejectsFieldOfWrongType() {
        Organisation org = connectedOrganisation();

        as(org.admin()).body("{\"installationId\": \"i\", \"postingId\": {\"id\": 1}, \"jobTitle\": \"T\"}")
                .put(JOB_LINK, "job-x")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/invalid-field"))
                .body("detail", containsString("Field 'postingId'"))
                .body("detail", containsString("expected a string"));
        as(org.admin()).body("[1, 2]").put(JOB_LINK, "job-x")
                .then().statusCode(400)
                .body("type", equalTo("https://career.place/problems/invalid-field"))
                .body("detail", containsString("wrong shape: expected an object"));
        // A number or boolean where text is expected is not turned into text, and nothing is stored.
        for (String scalar : List.of("true", "12.5e3", "42")) {
            as(org.admin()).body("{\"installationId\": \"" + org.installationId() + "\", \"postingId\": \"posting-1\","
                            + " \"jobTitle\": " + scalar + "}")
                    .put(JOB_LINK, "job-x")
                    .then().statusCode(400)
                    .body("type", equalTo("https://career.place/problems/invalid-field"))
                    .body("detail", containsString("Field 'jobTitle'"));
        }
        as(org.admin()).get("/api/setup/job-links").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void rejectsBodyThatIsNotJson() {
        Organisation org = connectedOrganisation();

        given().auth().oauth2(org.admin()).contentType(ContentType.TEXT).body("posting-1")
                .put(JOB_LINK, "job-x")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("https://career.place/problems/unsupported-media-type"))
                .body("status", equalTo(415))
                .body("detail", containsString("Content-Type text/plain is not supported"))
                .body("detail", containsString("Send Content-Type: application/json."));
    }

    @Test
    void rejectsUnsupportedMethodWithAllowHeader() {
        Organisation org = connectedOrganisation();

        as(org.admin()).post(JOB_LINK, "job-x")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", allOf(containsString("PUT"), containsString("DELETE")))
                .body("type", equalTo("https://career.place/problems/method-not-allowed"))
                .body("status", equalTo(405))
                .body("detail", containsString("POST is not allowed"))
                .body("detail", containsString("DELETE"))
                .body("detail", containsString("PUT"));
    }
}
