package place.career.notifier.mail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import place.career.events.NotifierOutcome;
import place.career.notifier.outcome.OutcomeOutbox;
import place.career.notifier.support.NotifierFixtures;
import place.career.notifier.support.NotifierFixtures.Candidate;
import place.career.notifier.support.NotifierTestBase;
import place.career.notifier.support.SmtpFaultProxy;
import place.career.notifier.support.SmtpFaultProxyResource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

@QuarkusTest
class SmtpFaultsTest extends NotifierTestBase {

    // Longer than notifier.mail.max-backoff, so any retry is due after this much clock time.
    private static final Duration PAST_BACKOFF = Duration.ofHours(2);

    private final SmtpFaultProxy proxy = SmtpFaultProxyResource.proxy();

    @Test
    void smtpDownThenBackDeliversOnce() {
        Candidate candidate = NotifierFixtures.newCandidate();
        proxy.goDown();

        invite(candidate, clock.instant());
        await().atMost(WAIT)
                .until(
                        () ->
                                "RETRYING"
                                        .equals(
                                                table().mailLogState(
                                                                candidate.funnelId(),
                                                                "INVITATION-0")));
        assertEquals("PENDING", table().state(candidate.funnelId(), "INVITATION-0"));
        proxy.comeUp();
        clock.advance(PAST_BACKOFF);

        awaitMailCount(candidate, 1);
        assertEquals("DONE", table().state(candidate.funnelId(), "INVITATION-0"));
        assertEquals("2", table().timerColumn(candidate.funnelId(), "INVITATION-0", "attempts"));
    }

    @Test
    void transientRejectionRetriesWithoutBlockingOthers() {
        Candidate busy = NotifierFixtures.newCandidate();
        Candidate other = NotifierFixtures.newCandidate();
        proxy.rejectRecipient(busy.email(), "451 4.2.1 Mailbox busy, try again later");

        invite(busy, clock.instant());
        invite(other, clock.instant());

        awaitMailCount(other, 1);
        await().atMost(WAIT)
                .until(
                        () ->
                                "RETRYING"
                                        .equals(
                                                table().mailLogState(
                                                                busy.funnelId(), "INVITATION-0")));
        assertEquals("451 4.2.1", table().timerColumn(busy.funnelId(), "INVITATION-0", "detail"));
        proxy.clearFaults();
        clock.advance(PAST_BACKOFF);
        awaitMailCount(busy, 1);
    }

    @Test
    void permanentRejectionBouncesAndStopsSchedule() {
        Candidate candidate = NotifierFixtures.newCandidate();
        Instant invitedAt = clock.instant();
        proxy.rejectRecipient(
                candidate.email(), "550 5.1.1 Recipient address rejected: user unknown");

        invite(candidate, invitedAt);

        List<NotifierOutcome> outcomes = awaitOutcomes(candidate, 1);
        assertEquals(NotifierOutcome.Type.BOUNCED, outcomes.get(0).type());
        assertEquals("550 5.1.1", outcomes.get(0).detail());
        assertEquals(
                OutcomeOutbox.eventId(NotifierOutcome.Type.BOUNCED, candidate.funnelId()),
                outcomes.get(0).eventId());
        assertEquals("BOUNCED", table().state(candidate.funnelId(), "INVITATION-0"));
        assertEquals("CANCELLED", table().state(candidate.funnelId(), "REMINDER-1"));
        assertEquals("CANCELLED", table().state(candidate.funnelId(), "OPT_OUT-0"));
        assertEquals("REJECTED", table().mailLogState(candidate.funnelId(), "INVITATION-0"));
        proxy.clearFaults();
        clock.advanceTo(invitedAt.plus(Duration.ofHours(421)));
        awaitMailCount(candidate, 0);
    }

    @Test
    void sessionBrokenAfterDataIsNeverResent() {
        Candidate candidate = NotifierFixtures.newCandidate();
        Instant invitedAt = clock.instant();
        proxy.dropReplyAfterData(candidate.email());

        invite(candidate, invitedAt);

        awaitTimerState(candidate, "INVITATION-0", "UNCERTAIN");
        assertEquals("UNCERTAIN", table().mailLogState(candidate.funnelId(), "INVITATION-0"));
        proxy.clearFaults();
        clock.advance(PAST_BACKOFF);
        awaitMailCount(candidate, 1);
        clock.advanceTo(invitedAt.plus(Duration.ofDays(2)));
        awaitMailCount(candidate, 2);
    }
}
