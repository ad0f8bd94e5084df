package place.career.notifier.unsubscribe;

import static io.restassured.RestAssured.given;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import place.career.events.NotifierOutcome;
import place.career.notifier.outcome.OutcomeOutbox;
import place.career.notifier.support.NotifierFixtures;
import place.career.notifier.support.NotifierFixtures.Candidate;
import place.career.notifier.support.NotifierTestBase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

@QuarkusTest
class UnsubscribeResourceTest extends NotifierTestBase {

    @Test
    void getShowsConfirmationWithoutUnsubscribing() {
        Candidate candidate = NotifierFixtures.newCandidate();
        invite(candidate, clock.instant());
        String token = table().unsubscribeToken(candidate.funnelId());

        given().when()
                .get("/api/unsubscribe/" + token)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<form method=\"post\""));

        assertNull(table().invitationColumn(candidate.funnelId(), "unsubscribed_at"));
        assertEquals("PENDING", table().state(candidate.funnelId(), "REMINDER-1"));
    }

    @Test
    void oneClickPostStopsScheduleAndPublishesOutcome() {
        Candidate candidate = NotifierFixtures.newCandidate();
        Instant invitedAt = clock.instant();
        invite(candidate, invitedAt);
        awaitMailCount(candidate, 1);
        String token = table().unsubscribeToken(candidate.funnelId());

        given().contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click")
                .when()
                .post("/api/unsubscribe/" + token)
                .then()
                .statusCode(200)
                .body(containsString("You are unsubscribed"));

        List<NotifierOutcome> outcomes = awaitOutcomes(candidate, 1);
        assertEquals(NotifierOutcome.Type.UNSUBSCRIBED, outcomes.get(0).type());
        assertEquals(
                OutcomeOutbox.eventId(NotifierOutcome.Type.UNSUBSCRIBED, candidate.funnelId()),
                outcomes.get(0).eventId());
        assertEquals("UNSUBSCRIBED", table().invitationColumn(candidate.funnelId(), "stop_reason"));
        assertEquals("CANCELLED", table().state(candidate.funnelId(), "REMINDER-1"));
        assertEquals("CANCELLED", table().state(candidate.funnelId(), "OPT_OUT-0"));
        clock.advanceTo(invitedAt.plus(Duration.ofHours(421)));
        awaitMailCount(candidate, 1);
    }

    @Test
    void repeatedPostIsHarmless() {
        Candidate candidate = NotifierFixtures.newCandidate();
        invite(candidate, clock.instant());
        String token = table().unsubscribeToken(candidate.funnelId());

        given().when().post("/api/unsubscribe/" + token).then().statusCode(200);
        String firstUnsubscribedAt =
                table().invitationColumn(candidate.funnelId(), "unsubscribed_at");
        given().when().post("/api/unsubscribe/" + token).then().statusCode(200);

        assertNotNull(firstUnsubscribedAt);
        assertEquals(
                firstUnsubscribedAt,
                table().invitationColumn(candidate.funnelId(), "unsubscribed_at"));
        given().when()
                .get("/api/unsubscribe/" + token)
                .then()
                .statusCode(200)
                .body(containsString("You are unsubscribed"));
        awaitOutcomes(candidate, 1);
        assertEquals(1, table().outboxRows(candidate.funnelId()));
    }

    @Test
    void unknownTokenReturnsProblem() {
        given().when()
                .post("/api/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo("https://career.place/problems/unsubscribe-link-not-found"))
                .body("status", equalTo(404))
                .body("title", equalTo("Unsubscribe link not found"))
                .body("requestId", notNullValue());

        given().when()
                .get("/api/unsubscribe/not-a-token")
                .then()
                .statusCode(404)
                .body(containsString("not valid"));
    }

    @Test
    void unsupportedMethodReturnsProblemWithAllow() {
        given().when()
                .put("/api/unsubscribe/x")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", equalTo("GET, POST"))
                .body("type", equalTo("https://career.place/problems/method-not-allowed"))
                .body("title", equalTo("Method not allowed"))
                .body("status", equalTo(405))
                .body("detail", equalTo("PUT is not allowed on this URL. Use GET, POST."))
                .body("requestId", notNullValue());
    }
}
