package place.career.leversync.installation;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import place.career.events.SecretBox;

/**
 * Connects and revokes installations and announces each change on lever.installations.v1.
 *
 * <p>Fires {@link InstallationConnected} after a (re)connection, so parked work resumes at once.
 */
@ApplicationScoped
public class InstallationService {

    private final InstallationRepository repository;
    private final InstallationPublisher publisher;
    private final RotatingAccessTokens accessTokens;
    private final SecretBox secretBox;
    private final Clock clock;
    private final Event<InstallationConnected> connected;

    InstallationService(InstallationRepository repository, InstallationPublisher publisher,
            RotatingAccessTokens accessTokens, SecretBox secretBox, Clock clock,
            Event<InstallationConnected> connected) {
        this.repository = repository;
        this.publisher = publisher;
        this.accessTokens = accessTokens;
        this.secretBox = secretBox;
        this.clock = clock;
        this.connected = connected;
    }

    /**
     * Stores an installation as CONNECTED with its secrets sealed, then announces it. The change
     * is committed before it is announced. If the announcement fails, the outbox retries it.
     */
    public Uni<Installation> connect(ConnectRequest request) {
        InstallationValues values = new InstallationValues(
                request.installationId(),
                request.organizationId(),
                request.leverAccountId(),
                secretBox.seal(request.accessToken()),
                request.refreshToken() == null ? null : secretBox.seal(request.refreshToken()),
                clock.instant().plusSeconds(request.expiresInSeconds()),
                request.performAs(),
                request.qualifiedStageId(),
                List.of(secretBox.seal(request.signingToken())));
        return repository.upsertConnected(values)
                .invoke(installation -> Log.infof(
                        "Installation connected installationId=%s organizationId=%s leverAccountId=%s",
                        installation.id(), installation.organizationId(), installation.leverAccountId()))
                .call(installation -> announceConnected(installation.id()));
    }

    /**
     * Announces an installation that was just stored as CONNECTED: drops this replica's cached
     * token, lets parked work resume at once and publishes the new state. Never fails; the
     * outbox retries a failed publication.
     */
    public Uni<Void> announceConnected(String installationId) {
        accessTokens.forget(installationId);
        connected.fire(new InstallationConnected(installationId));
        return announce(null);
    }

    /**
     * Announces a change of an installation that was already committed, other than a connect,
     * such as new signing tokens or a disconnect. Never fails; the outbox retries.
     */
    public Uni<Void> announceChanged(String installationId) {
        accessTokens.forget(installationId);
        return announce(null);
    }

    /**
     * Marks the installation REVOKED after Lever rejected its credentials, records why and
     * announces it. Calling it again for a revoked installation changes nothing.
     */
    public Uni<Void> revoke(String installationId, String reason) {
        Instant now = clock.instant();
        return repository.markRevoked(installationId, reason, now).chain(changed -> {
            if (!changed) {
                return Uni.createFrom().voidItem();
            }
            Log.warnf("Installation revoked; its work is parked until it is reconnected installationId=%s"
                    + " reason=%s", installationId, reason);
            accessTokens.forget(installationId);
            return announce(null);
        });
    }

    private Uni<Void> announce(Installation ignored) {
        return publisher.publishPending().onFailure().recoverWithUni(error -> {
            Log.warnf(error, "Announcing an installation change failed; the outbox retries it");
            return Uni.createFrom().voidItem();
        });
    }

    /** Parameters of a connection; tokens in plain text, sealed before they are stored. */
    public record ConnectRequest(
            String installationId,
            String organizationId,
            String leverAccountId,
            String accessToken,
            String refreshToken,
            long expiresInSeconds,
            String performAs,
            String qualifiedStageId,
            String signingToken) {

        /** Prints ids only. */
        @Override
        public String toString() {
            return "ConnectRequest[installationId=" + installationId + ", organizationId=" + organizationId
                    + ", leverAccountId=" + leverAccountId + "]";
        }
    }

    /** CDI event: an installation became CONNECTED. */
    public record InstallationConnected(String installationId) {}
}
