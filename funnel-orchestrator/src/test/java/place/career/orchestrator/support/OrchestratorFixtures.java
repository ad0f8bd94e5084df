package place.career.orchestrator.support;

import java.time.Instant;
import java.util.UUID;
import place.career.events.ApplicationEvent;
import place.career.events.FunnelEvent;
import place.career.events.InstallationChanged;
import place.career.events.NotifierOutcome;

/** Factories for the records and ids the tests send. All personal data here is made up. */
public final class OrchestratorFixtures {

    private OrchestratorFixtures() {}

    /** Returns an id that no other test uses, for example {@code opp-3f9a1c2e}. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Returns an application to {@code postingId} by a made-up candidate. */
    public static ApplicationEvent created(String installationId, String opportunityId, String postingId) {
        return new ApplicationEvent(unique("app-evt"), ApplicationEvent.Type.CREATED, installationId, opportunityId,
                unique("application"), postingId, "Zoë " + opportunityId, opportunityId + "@candidates.example",
                "https://hire.lever.example/candidates/" + opportunityId, null, Instant.now());
    }

    /** Returns a close of the opportunity's application in Lever. */
    public static ApplicationEvent closed(
            String installationId, String opportunityId, ApplicationEvent.CloseReason reason) {
        return new ApplicationEvent(unique("app-evt"), ApplicationEvent.Type.CLOSED, installationId, opportunityId,
                null, null, null, null, null, reason, Instant.now());
    }

    /** Returns an erasure request after the candidate was deleted in Lever. */
    public static ApplicationEvent erased(String installationId, String opportunityId) {
        return new ApplicationEvent(unique("app-evt"), ApplicationEvent.Type.ERASED, installationId, opportunityId,
                null, null, null, null, null, ApplicationEvent.CloseReason.DELETED, Instant.now());
    }

    /** Returns a career.place funnel event without card link or reason. */
    public static FunnelEvent funnelEvent(FunnelEvent.Type type, String invitationId) {
        return new FunnelEvent(unique("cp-evt"), type, invitationId, Instant.now(), null, null);
    }

    /** Returns a career.place start event with an applicant card link. */
    public static FunnelEvent started(String invitationId) {
        return new FunnelEvent(unique("cp-evt"), FunnelEvent.Type.STARTED, invitationId, Instant.now(),
                "https://app.career.example/applicants/" + invitationId.substring(0, 6), null);
    }

    /** Returns a career.place result that the candidate did not qualify. */
    public static FunnelEvent unqualified(String invitationId, String reason) {
        return new FunnelEvent(unique("cp-evt"), FunnelEvent.Type.UNQUALIFIED, invitationId, Instant.now(), null,
                reason);
    }

    /** Returns a notifier outcome for a funnel. */
    public static NotifierOutcome outcome(
            NotifierOutcome.Type type, String funnelId, String installationId, String opportunityId) {
        return new NotifierOutcome(unique("ntf-evt"), type, funnelId, installationId, opportunityId, Instant.now(),
                null);
    }

    /** Returns an installation state owned by {@code organizationId}. */
    public static InstallationChanged installation(
            String installationId, String organizationId, InstallationChanged.Status status, Instant updatedAt) {
        return new InstallationChanged(installationId, organizationId, status, java.util.List.of(), updatedAt);
    }
}
