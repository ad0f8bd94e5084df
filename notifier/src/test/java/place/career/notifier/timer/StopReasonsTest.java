package place.career.notifier.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import place.career.events.FunnelStatus;
import place.career.notifier.support.NotifierFixtures;
import place.career.notifier.support.NotifierFixtures.Candidate;
import place.career.notifier.support.NotifierTestBase;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

@QuarkusTest
class StopReasonsTest extends NotifierTestBase {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            nullValues = "-",
            value = {
                "IN_PROGRESS, -",
                "QUALIFIED, -",
                "UNQUALIFIED, missing work permit",
                "CLOSED, archived",
                "CLOSED, hired",
                "CLOSED, deleted",
                "CLOSED, disconnected",
                "OPTED_OUT, unsubscribed"
            })
    void laterStatusStopsEveryPendingTimer(FunnelStatus status, String reason) {
        Candidate candidate = NotifierFixtures.newCandidate();
        Instant invitedAt = clock.instant();
        invite(candidate, invitedAt);
        awaitMailCount(candidate, 1);

        publish(
                candidate,
                NotifierFixtures.transition(candidate, 2, status, reason, clock.instant()));
        awaitTimerState(candidate, "OPT_OUT-0", "CANCELLED");
        clock.advanceTo(invitedAt.plus(Duration.ofHours(421)));

        awaitMailCount(candidate, 1);
        assertEquals(
                Map.of(
                        "INVITATION-0",
                        "DONE",
                        "REMINDER-1",
                        "CANCELLED",
                        "REMINDER-2",
                        "CANCELLED",
                        "REMINDER-3",
                        "CANCELLED",
                        "REMINDER-4",
                        "CANCELLED",
                        "OPT_OUT-0",
                        "CANCELLED"),
                table().states(candidate.funnelId()));
        assertEquals(status.name(), table().invitationColumn(candidate.funnelId(), "stop_reason"));
    }
}
