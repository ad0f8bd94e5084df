package place.career.orchestrator.timeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static place.career.orchestrator.support.OrchestratorFixtures.created;
import static place.career.orchestrator.support.OrchestratorFixtures.funnelEvent;
import static place.career.orchestrator.support.OrchestratorFixtures.started;
import static place.career.orchestrator.support.OrchestratorFixtures.unique;
import static place.career.orchestrator.support.OrchestratorFixtures.unqualified;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import place.career.events.ApplicationEvent;
import place.career.events.FunnelEvent;
import place.career.events.FunnelStatusChanged;
import place.career.events.InstallationChanged;
import place.career.events.Topics;
import place.career.orchestrator.support.OrchestratorTestBase;
import place.career.orchestrator.support.TestTokens;

@QuarkusTest
class TimelineResourceTest extends OrchestratorTestBase {

    @Test
    void listsEveryEntryWithoutPersonalData() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        ApplicationEvent application = created(link.installationId(), opportunityId, link.postingId());
        sendApplication(application);
        FunnelStatusChanged invited = awaitStatus(opportunityId, r -> true, 1).get(0);
        String invitationId = invited.invitationId();
        FunnelEvent start = started(invitationId);
        FunnelEvent submitted = funnelEvent(FunnelEvent.Type.SUBMITTED, invitationId);
        FunnelEvent result = unqualified(invitationId, "Weak answers in the video interview");
        FunnelEvent lateStart = started(invitationId);
        for (FunnelEvent event : new FunnelEvent[] {start, submitted, result, lateStart}) {
            kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId, event);
        }
        awaitStatus(opportunityId, r -> r.version() == 3, 1);
        await().atMost(TIMEOUT).until(() -> !query("SELECT 1 FROM funnel_history WHERE source_event_id = $1",
                Tuple.of(lateStart.eventId())).isEmpty());
        awaitOutboxEmpty();

        String body = asAdmin(link.organizationId())
                .get("/api/funnels/{funnelId}/timeline", invited.funnelId())
                .then().statusCode(200)
                .body("funnelId", equalTo(invited.funnelId()))
                .body("status", equalTo("UNQUALIFIED"))
                .body("version", equalTo(3))
                .body("entries", hasSize(5))
                .body("entries[0].kind", equalTo("TRANSITION"))
                .body("entries[0].toStatus", equalTo("INVITED"))
                .body("entries[0].sourceEventId", equalTo(application.eventId()))
                .body("entries[0].statusEventId", equalTo(invited.eventId()))
                .body("entries[0].publishedAt", notNullValue())
                .body("entries[1].toStatus", equalTo("IN_PROGRESS"))
                .body("entries[1].sourceType", equalTo("started"))
                .body("entries[2].kind", equalTo("NOTED"))
                .body("entries[2].sourceEventId", equalTo(submitted.eventId()))
                .body("entries[3].toStatus", equalTo("UNQUALIFIED"))
                .body("entries[3].reason", nullValue())
                .body("entries[4].kind", equalTo("IGNORED"))
                .body("entries[4].detail", equalTo("funnel is already UNQUALIFIED"))
                .extract().asString();
        org.hamcrest.MatcherAssert.assertThat(body, not(containsString(application.candidateEmail())));
        org.hamcrest.MatcherAssert.assertThat(body, not(containsString(application.candidateName())));
        org.hamcrest.MatcherAssert.assertThat(body, not(containsString("Weak answers")));
        org.hamcrest.MatcherAssert.assertThat(body, not(containsString(invitationId)));
    }

    @Test
    void findsFunnelByOpportunity() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        sendApplication(created(link.installationId(), opportunityId, link.postingId()));
        FunnelStatusChanged invited = awaitStatus(opportunityId, r -> true, 1).get(0);

        asAdmin(link.organizationId())
                .queryParam("installationId", link.installationId())
                .queryParam("opportunityId", opportunityId)
                .get("/api/funnels/timeline")
                .then().statusCode(200)
                .body("funnelId", equalTo(invited.funnelId()))
                .body("entries", hasSize(1));
    }

    @Test
    void explainsWhyOpportunityHasNoFunnel() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        ApplicationEvent application = created(link.installationId(), opportunityId, unique("unlinked"));
        sendApplication(application);
        await().atMost(TIMEOUT).until(() -> !query("SELECT 1 FROM skipped_applications WHERE source_event_id = $1",
                Tuple.of(application.eventId())).isEmpty());

        asAdmin(link.organizationId())
                .queryParam("installationId", link.installationId())
                .queryParam("opportunityId", opportunityId)
                .get("/api/funnels/timeline")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("posting is not linked"))
                .body("detail", containsString(application.eventId()));
        String stranger = unique("org");
        asAdmin(stranger)
                .queryParam("installationId", link.installationId())
                .queryParam("opportunityId", opportunityId)
                .get("/api/funnels/timeline")
                .then().statusCode(404)
                .body("detail", not(containsString("posting is not linked")));
    }

    @Test
    void hidesFunnelFromOtherOrganisationAndNonAdmins() {
        LinkedPosting link = linkedPosting();
        String opportunityId = unique("opp");
        sendApplication(created(link.installationId(), opportunityId, link.postingId()));
        FunnelStatusChanged invited = awaitStatus(opportunityId, r -> true, 1).get(0);
        String otherOrganisation = unique("org");
        publishInstallation(unique("inst"), otherOrganisation, InstallationChanged.Status.CONNECTED);

        asAdmin(otherOrganisation).get("/api/funnels/{funnelId}/timeline", invited.funnelId())
                .then().statusCode(404);
        asAdmin(otherOrganisation)
                .queryParam("installationId", link.installationId())
                .queryParam("opportunityId", opportunityId)
                .get("/api/funnels/timeline")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.member("member-1", link.organizationId()))
                .get("/api/funnels/{funnelId}/timeline", invited.funnelId())
                .then().statusCode(403);
        given().get("/api/funnels/{funnelId}/timeline", invited.funnelId())
                .then().statusCode(401);
        asAdmin(link.organizationId()).get("/api/funnels/{funnelId}/timeline", "not-a-uuid")
                .then().statusCode(404);
    }

    private static io.restassured.specification.RequestSpecification asAdmin(String organizationId) {
        return given().auth().oauth2(TestTokens.admin("admin-1", organizationId));
    }
}
