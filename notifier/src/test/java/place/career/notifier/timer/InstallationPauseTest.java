package place.career.notifier.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import place.career.events.InstallationChanged;
import place.career.events.NotifierOutcome;
import place.career.events.Topics;
import place.career.notifier.support.NotifierFixtures;
import place.career.notifier.support.NotifierFixtures.Candidate;
import place.career.notifier.support.NotifierTestBase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@QuarkusTest
class InstallationPauseTest extends NotifierTestBase {

    @Test
    void revokedInstallationPausesRemindersUntilReconnected() {
        String installationId = "inst-" + UUID.randomUUID();
        Candidate candidate = NotifierFixtures.newCandidate(installationId);
        Instant invitedAt = clock.instant();
        invite(candidate, invitedAt);
        awaitMailCount(candidate, 1);

        changeInstallation(installationId, InstallationChanged.Status.REVOKED, clock.instant());
        awaitInstallationStatus(installationId, "REVOKED");
        clock.advanceTo(invitedAt.plus(Duration.ofDays(2)));
        awaitMailCount(candidate, 1);
        assertEquals("PENDING", table().state(candidate.funnelId(), "REMINDER-1"));
        changeInstallation(installationId, InstallationChanged.Status.CONNECTED, clock.instant());

        awaitMailCount(candidate, 2);
        assertEquals("DONE", table().state(candidate.funnelId(), "REMINDER-1"));
    }

    @Test
    void disconnectedInstallationStillOptsOutOnTime() {
        String installationId = "inst-" + UUID.randomUUID();
        Candidate candidate = NotifierFixtures.newCandidate(installationId);
        Instant invitedAt = clock.instant();
        changeInstallation(
                installationId, InstallationChanged.Status.DISCONNECTED, clock.instant());
        awaitInstallationStatus(installationId, "DISCONNECTED");

        invite(candidate, invitedAt);
        clock.advanceTo(invitedAt.plus(Duration.ofHours(420)));

        assertEquals(NotifierOutcome.Type.OPTED_OUT, awaitOutcomes(candidate, 1).get(0).type());
        awaitMailCount(candidate, 0);
        assertEquals("CANCELLED", table().state(candidate.funnelId(), "INVITATION-0"));
    }

    @Test
    void olderInstallationStateDoesNotOverrideNewer() {
        String installationId = "inst-" + UUID.randomUUID();
        Instant now = clock.instant();

        changeInstallation(installationId, InstallationChanged.Status.CONNECTED, now);
        changeInstallation(
                installationId, InstallationChanged.Status.REVOKED, now.minusSeconds(60));

        awaitInstallationStatus(installationId, "CONNECTED");
        await().during(QUIET)
                .atMost(WAIT)
                .until(() -> "CONNECTED".equals(table().installationStatus(installationId)));
    }

    private void changeInstallation(
            String installationId, InstallationChanged.Status status, Instant at) {
        kafka().send(
                        Topics.LEVER_INSTALLATIONS,
                        installationId,
                        new InstallationChanged(installationId, "org-1", status, List.of(), at));
    }

    private void awaitInstallationStatus(String installationId, String status) {
        await().atMost(WAIT).until(() -> status.equals(table().installationStatus(installationId)));
    }
}
