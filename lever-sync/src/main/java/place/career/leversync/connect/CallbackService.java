package place.career.leversync.connect;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import place.career.events.SecretBox;
import place.career.leversync.connect.CodeRedemption.RedeemedGrant;
import place.career.leversync.connect.ConnectStates.ConnectState;
import place.career.leversync.installation.InstallationService;

/**
 * Completes an OAuth connect when Lever redirects the admin back: checks the state, redeems the
 * code, stores the sealed tokens and announces the installation. Every path other than success
 * stores nothing, apart from using up the state.
 */
@ApplicationScoped
public class CallbackService {

    private final ConnectStates states;
    private final CodeRedemption redemption;
    private final ConnectRepository repository;
    private final InstallationService installations;
    private final SecretBox secretBox;
    private final Clock clock;

    CallbackService(ConnectStates states, CodeRedemption redemption, ConnectRepository repository,
            InstallationService installations, SecretBox secretBox, Clock clock) {
        this.states = states;
        this.redemption = redemption;
        this.repository = repository;
        this.installations = installations;
        this.secretBox = secretBox;
        this.clock = clock;
    }

    /**
     * Handles the callback parameters and returns the result for the admin. A {@link
     * ConnectFailure} becomes the returned result; other failures, such as a database outage,
     * fail the returned Uni.
     *
     * @param error Lever's {@code error} parameter, such as {@code access_denied}; null on success
     */
    public Uni<ConnectOutcome> complete(String state, String code, String error) {
        if (state == null || state.isBlank()) {
            return Uni.createFrom().item(failed(null, new ConnectFailure(ConnectResult.INVALID_STATE,
                    "the callback carries no state")));
        }
        return states.consume(state).chain(stored -> {
            if (stored == null) {
                return Uni.createFrom().item(failed(null, new ConnectFailure(ConnectResult.INVALID_STATE,
                        "the state is unknown or was used before")));
            }
            return Uni.createFrom().deferred(() -> afterState(stored, code, error))
                    .onFailure(ConnectFailure.class).recoverWithItem(failure -> failed(stored, (ConnectFailure) failure));
        });
    }

    private Uni<ConnectOutcome> afterState(ConnectState stored, String code, String error) {
        if (clock.instant().isAfter(stored.expiresAt())) {
            throw new ConnectFailure(ConnectResult.EXPIRED_STATE, "the state expired at " + stored.expiresAt());
        }
        if (error != null && !error.isBlank()) {
            ConnectResult result = "access_denied".equals(error) ? ConnectResult.ACCESS_DENIED
                    : ConnectResult.LEVER_ERROR;
            // The parameter comes from the browser, so only a plain error code reaches the log.
            String logged = error.matches("[A-Za-z0-9_.-]{1,64}") ? error : "(not a plain error code)";
            throw new ConnectFailure(result, "Lever returned error=" + logged);
        }
        if (code == null || code.isBlank()) {
            throw new ConnectFailure(ConnectResult.INVALID_REQUEST, "the callback carries neither code nor error");
        }
        return redemption.redeem(code).chain(grant -> store(stored, grant));
    }

    private Uni<ConnectOutcome> store(ConnectState stored, RedeemedGrant grant) {
        ConnectRepository.Connection connection = new ConnectRepository.Connection(
                stored.organizationId(),
                grant.leverAccountId(),
                secretBox.seal(grant.tokens().accessToken()),
                secretBox.seal(grant.tokens().refreshToken()),
                grant.tokens().expiresAt(),
                grant.performAs().id(),
                grant.tokens().scope(),
                stored.userId(),
                clock.instant());
        return repository.store(connection).chain(result -> {
            if (result.installationId() == null) {
                throw new ConnectFailure(ConnectResult.OTHER_ACCOUNT_CONNECTED, "installation "
                        + result.conflictingInstallationId() + " of another Lever account is not disconnected");
            }
            Log.infof("OAuth connect completed installationId=%s organizationId=%s leverAccountId=%s performAs=%s"
                            + " previousStatus=%s userId=%s", result.installationId(), stored.organizationId(),
                    grant.leverAccountId(), grant.performAs().id(), result.previousStatus(), stored.userId());
            return installations.announceConnected(result.installationId()).replaceWith(new ConnectOutcome(
                    ConnectResult.CONNECTED, stored.organizationId(), result.installationId()));
        });
    }

    private static ConnectOutcome failed(ConnectState stored, ConnectFailure failure) {
        String organizationId = stored == null ? null : stored.organizationId();
        String userId = stored == null ? null : stored.userId();
        if (failure.result() == ConnectResult.LEVER_ERROR) {
            // An unknown client or redirect URI needs an operator; the admin cannot fix it.
            Log.errorf("OAuth connect failed result=%s organizationId=%s userId=%s reason=%s",
                    failure.result().code(), organizationId, userId, failure.getMessage());
        } else {
            Log.warnf("OAuth connect failed result=%s organizationId=%s userId=%s reason=%s",
                    failure.result().code(), organizationId, userId, failure.getMessage());
        }
        return new ConnectOutcome(failure.result(), organizationId, null);
    }

    /**
     * The outcome shown to the admin.
     *
     * @param organizationId null when the state was missing or unknown
     * @param installationId set only for {@link ConnectResult#CONNECTED}
     */
    public record ConnectOutcome(ConnectResult result, String organizationId, String installationId) {}
}
