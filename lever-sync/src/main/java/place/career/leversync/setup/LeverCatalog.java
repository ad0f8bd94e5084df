package place.career.leversync.setup;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import place.career.leversync.common.ProblemException;
import place.career.leversync.installation.Installation;
import place.career.leversync.installation.InstallationRevokedException;
import place.career.leversync.installation.InstallationService;
import place.career.leversync.installation.TokenRefreshException;
import place.career.leversync.lever.LeaseLostException;
import place.career.leversync.lever.LeverCallException;
import place.career.leversync.lever.LeverClient;
import place.career.leversync.lever.LeverPosting;
import place.career.leversync.lever.LeverSession;
import place.career.leversync.lever.LeverStage;
import place.career.leversync.lever.RequestPermits;
import place.career.leversync.work.WorkScheduler;

/**
 * Reads the stages and postings of an installation's Lever account for the setup screens, and
 * turns Lever failures into problem details for the admin. When Lever rejects the credentials
 * (401 after a refresh, or invalid_grant), the installation becomes REVOKED, as with queued work.
 */
@ApplicationScoped
public class LeverCatalog {

    private final LeverClient lever;
    private final InstallationService installations;
    private final WorkScheduler scheduler;

    LeverCatalog(LeverClient lever, InstallationService installations, WorkScheduler scheduler) {
        this.lever = lever;
        this.installations = installations;
        this.scheduler = scheduler;
    }

    /** Returns every stage of the account's pipeline, in Lever's order. */
    public Uni<List<LeverStage>> stages(Installation installation) {
        return guarded(installation, lever.listStages(session(installation)));
    }

    /** Returns every posting, optionally only those in {@code state}. */
    public Uni<List<LeverPosting>> postings(Installation installation, String state) {
        return guarded(installation, lever.listPostings(session(installation), state));
    }

    /**
     * Returns one posting of the account.
     *
     * @throws ProblemException through the returned {@link Uni}: 404 {@code posting-not-found}
     *     when Lever returns 404, or 403 for a confidential posting. Other Lever failures map to
     *     the same problems as for the lists.
     */
    public Uni<LeverPosting> posting(Installation installation, String postingId) {
        Uni<LeverPosting> call = lever.getPosting(session(installation), postingId)
                .onFailure(error -> error instanceof LeverCallException failure && failure.isInaccessible())
                .transform(error -> postingNotFound(installation, postingId, (LeverCallException) error));
        return guarded(installation, call);
    }

    /**
     * Returns a session whose calls take tokens from the installation's bucket when this replica
     * runs its lane, and go out at once, uncounted, when another replica runs it.
     */
    private LeverSession session(Installation installation) {
        RequestPermits permits = scheduler.lanePermits(installation.id()).orElse(DirectPermits.INSTANCE);
        return new LeverSession(installation.id(), installation.performAs(), permits);
    }

    private <T> Uni<T> guarded(Installation installation, Uni<T> call) {
        return call.onFailure(InstallationRevokedException.class).recoverWithUni(error -> installations
                        .revoke(installation.id(), error.getMessage())
                        .chain(() -> Uni.createFrom().failure(new ProblemException(409,
                                "installation-disconnected", "Installation disconnected",
                                "Lever no longer accepts the credentials of connection " + installation.id()
                                        + "; reconnect with POST /api/setup/lever/connect"))))
                .onFailure(TokenRefreshException.class).transform(error -> unavailable(installation, error))
                .onFailure(LeaseLostException.class).transform(error -> handedOver(installation))
                .onFailure(LeverCallException.class).transform(error -> leverFailure(installation,
                        (LeverCallException) error));
    }

    private static ProblemException postingNotFound(Installation installation, String postingId,
            LeverCallException error) {
        Log.infof("Posting not readable in Lever installationId=%s postingId=%s status=%d", installation.id(),
                postingId, error.status());
        String reason = error.status() == 403
                ? " is confidential or not readable with the connection's access"
                : " does not exist";
        return new ProblemException(404, "posting-not-found", "Posting not found",
                "Posting '" + postingId + "'" + reason + " in Lever account " + installation.leverAccountId()
                        + "; pick one from GET /api/setup/lever/postings");
    }

    private static ProblemException unavailable(Installation installation, Throwable error) {
        Log.warnf("Setup call to Lever failed installationId=%s error=%s", installation.id(), error.getMessage());
        return new ProblemException(503, "lever-unavailable", "Lever unavailable",
                "Refreshing the Lever token failed temporarily; try again in a minute.");
    }

    private static ProblemException handedOver(Installation installation) {
        Log.warnf("Setup call to Lever stopped: another replica took over the connection's calls installationId=%s",
                installation.id());
        return new ProblemException(503, "lever-calls-moving", "Lever calls moving",
                "Another replica is taking over the Lever calls of connection " + installation.id()
                        + "; try again in a few seconds.");
    }

    private static ProblemException leverFailure(Installation installation, LeverCallException error) {
        Log.warnf("Setup call to Lever failed installationId=%s endpoint=%s status=%d error=%s", installation.id(),
                error.endpoint(), error.status(), error.getMessage());
        if (error.isRateLimited()) {
            return new ProblemException(503, "lever-rate-limited", "Lever rate limit",
                    "Lever is rate limiting this account; try again in a few seconds.");
        }
        if (error.isRetryable()) {
            return new ProblemException(502, "lever-unavailable", "Lever unavailable",
                    error.getMessage() + "; try again later.");
        }
        return new ProblemException(502, "lever-request-failed", "Lever request failed", error.getMessage());
    }
}
