package place.career.orchestrator.funnel;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import place.career.events.ApplicationEvent;
import place.career.events.FunnelStatus;
import place.career.orchestrator.funnel.FunnelRepository.NewFunnel;
import place.career.orchestrator.installation.InstallationRepository;
import place.career.orchestrator.joblink.JobLink;
import place.career.orchestrator.joblink.JobLinkRepository;

/**
 * Starts a funnel for a new Lever application when its posting is linked to a career.place job.
 * An application that starts no funnel is recorded with the reason and publishes nothing.
 */
@ApplicationScoped
public class FunnelStarter {

    /** Random bytes in an invitation id: 192 bits, so guessing a valid id is infeasible. */
    private static final int INVITATION_ID_BYTES = 24;

    private final FunnelService service;
    private final FunnelRepository funnels;
    private final JobLinkRepository jobLinks;
    private final InstallationRepository installations;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    FunnelStarter(
            FunnelService service,
            FunnelRepository funnels,
            JobLinkRepository jobLinks,
            InstallationRepository installations,
            Clock clock) {
        this.service = service;
        this.funnels = funnels;
        this.jobLinks = jobLinks;
        this.installations = installations;
        this.clock = clock;
    }

    /** Starts a funnel for a {@code CREATED} application event, at most once per event id. */
    public Uni<Void> start(SourceEvent source, ApplicationEvent event) {
        return service.processOnce(source, connection -> installations
                .find(connection, event.installationId())
                .flatMap(installation -> {
                    if (installation != null && !installation.isActive()) {
                        return skip(connection, source, event, "installation is disconnected");
                    }
                    return jobLinks.findByPosting(connection, event.installationId(), event.postingId())
                            .flatMap(link -> startLinked(connection, source, event, link));
                }));
    }

    private Uni<Boolean> startLinked(
            SqlConnection connection, SourceEvent source, ApplicationEvent event, JobLink link) {
        if (link == null) {
            return skip(connection, source, event, "posting is not linked to a career.place job");
        }
        if (event.candidateEmail() == null || event.candidateEmail().isBlank()) {
            return skip(connection, source, event, "candidate has no e-mail address to invite");
        }
        Instant now = clock.instant();
        NewFunnel funnel = new NewFunnel(UUID.randomUUID(), event.installationId(), event.opportunityId(),
                event.applicationId(), event.postingId(), link.organizationId(), link.jobId(), link.jobTitle(),
                newInvitationId(), event.candidateName(), event.candidateEmail().trim(), now);

        return funnels.insert(connection, funnel).flatMap(inserted -> {
            if (!inserted) {
                return funnels.lockByOpportunity(connection, event.installationId(), event.opportunityId())
                        .flatMap(existing -> service.recordIgnored(connection, existing, source,
                                "opportunity already has a funnel"));
            }
            FunnelRow row = new FunnelRow(funnel.funnelId(), funnel.installationId(), funnel.opportunityId(),
                    funnel.organizationId(), funnel.jobId(), funnel.jobTitle(), funnel.invitationId(),
                    FunnelStatus.INVITED, 1, false);
            Log.infof("Starting funnelId=%s for installationId=%s opportunityId=%s jobId=%s eventId=%s",
                    row.funnelId(), row.installationId(), row.opportunityId(), row.jobId(), source.eventId());
            return service.recordInvitation(connection, row, source);
        });
    }

    private Uni<Boolean> skip(SqlConnection connection, SourceEvent source, ApplicationEvent event, String detail) {
        Log.infof("No funnel for eventId=%s installationId=%s opportunityId=%s postingId=%s: %s",
                source.eventId(), event.installationId(), event.opportunityId(), event.postingId(), detail);
        return funnels.insertSkippedApplication(connection, event.installationId(), event.opportunityId(),
                        event.postingId(), source, detail, clock.instant())
                .replaceWith(false);
    }

    private String newInvitationId() {
        byte[] bytes = new byte[INVITATION_ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
