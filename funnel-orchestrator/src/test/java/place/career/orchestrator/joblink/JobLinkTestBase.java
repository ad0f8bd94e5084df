package place.career.orchestrator.joblink;

import static io.restassured.RestAssured.given;
import static place.career.orchestrator.support.OrchestratorFixtures.unique;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import place.career.events.InstallationChanged;
import place.career.orchestrator.support.OrchestratorTestBase;
import place.career.orchestrator.support.TestTokens;

/** Organisations, admin requests and request bodies that the job link tests share. */
abstract class JobLinkTestBase extends OrchestratorTestBase {

    /** Announces a connected installation of a new organisation and returns it with an admin token. */
    protected Organisation connectedOrganisation() {
        String organizationId = unique("org");
        String installationId = unique("inst");
        publishInstallation(installationId, organizationId, InstallationChanged.Status.CONNECTED);
        return new Organisation(organizationId, installationId,
                TestTokens.admin("admin-" + organizationId, organizationId));
    }

    protected static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    protected static Map<String, String> body(String installationId, String postingId, String jobTitle) {
        return Map.of("installationId", installationId, "postingId", postingId, "jobTitle", jobTitle);
    }

    protected record Organisation(String organizationId, String installationId, String admin) {}
}
