package place.career.notifier.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;

import org.junit.jupiter.api.Test;

import place.career.notifier.support.NotifierFixtures;
import place.career.notifier.support.NotifierFixtures.Candidate;
import place.career.notifier.support.NotifierTestBase;

import java.time.Duration;
import java.time.Instant;

/**
 * A replica that dies leaves its claims behind. These tests write exactly the rows such a replica
 * leaves, for a mail that is not due yet so that no live sender takes it first, then let it fall
 * due and watch the live replica reconcile.
 */
@QuarkusTest
class CrashRecoveryTest extends NotifierTestBase {

    private static final Duration NOT_YET_DUE = Duration.ofHours(1);

    @Test
    void deadReplicaClaimIsSentOnce() {
        Candidate candidate = NotifierFixtures.newCandidate();
        Instant invitedAt = clock.instant().plus(NOT_YET_DUE);
        invite(candidate, invitedAt);

        table().execute(
                        """
                        UPDATE notifier.timer SET state = 'CLAIMED',
                            owner = 'replica-killed-after-claim', attempts = 1,
                            lease_until = clock_timestamp() + INTERVAL '1 second'
                        WHERE funnel_id = $1 AND kind = 'INVITATION'\
                        """,
                        Tuple.of(candidate.funnelId()));
        clock.advanceTo(invitedAt);

        awaitMailCount(candidate, 1);
        assertEquals("DONE", table().state(candidate.funnelId(), "INVITATION-0"));
        assertEquals("ACCEPTED", table().mailLogState(candidate.funnelId(), "INVITATION-0"));
    }

    @Test
    void deadReplicaDuringSendLeavesMailUncertain() {
        Candidate candidate = NotifierFixtures.newCandidate();
        Instant invitedAt = clock.instant().plus(NOT_YET_DUE);
        invite(candidate, invitedAt);
        String messageId = "<invitation-0." + candidate.funnelId() + "@notifier.career.place>";

        table().execute(
                        """
                        UPDATE notifier.timer SET state = 'SENDING',
                            owner = 'replica-killed-during-send', attempts = 1,
                            lease_until = clock_timestamp() + INTERVAL '1 second'
                        WHERE funnel_id = $1 AND kind = 'INVITATION'\
                        """,
                        Tuple.of(candidate.funnelId()));
        table().execute(
                        """
                        INSERT INTO notifier.mail_log (message_id, timer_id, funnel_id, state,
                            attempts, updated_at)
                        SELECT $1, id, funnel_id, 'SENDING', 1, now() FROM notifier.timer
                        WHERE funnel_id = $2 AND kind = 'INVITATION'\
                        """,
                        Tuple.of(messageId, candidate.funnelId()));
        clock.advanceTo(invitedAt);

        awaitTimerState(candidate, "INVITATION-0", "UNCERTAIN");
        awaitMailCount(candidate, 0);
        assertEquals("UNCERTAIN", table().mailLogState(candidate.funnelId(), "INVITATION-0"));
        clock.advanceTo(invitedAt.plus(Duration.ofDays(2)));
        awaitMailCount(candidate, 1);
        assertEquals("DONE", table().state(candidate.funnelId(), "REMINDER-1"));
    }
}
