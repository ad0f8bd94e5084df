package place.career.leversync.installation;

import java.time.Instant;
import java.util.List;
import place.career.events.InstallationChanged.Status;

/**
 * One career.place organisation's connection to one Lever account, without its OAuth tokens.
 *
 * @param signingTokensSealed webhook signing tokens sealed with the service's SecretBox
 * @param stateVersion grows with every change that lever.installations.v1 announces
 */
public record Installation(
        String id,
        String organizationId,
        String leverAccountId,
        String performAs,
        String qualifiedStageId,
        List<String> signingTokensSealed,
        Status status,
        Instant lastWebhookAt,
        Instant lastVerifiedAt,
        String lastError,
        Instant updatedAt,
        long stateVersion) {

    /** Returns whether Lever calls may be made for this installation. */
    public boolean isConnected() {
        return status == Status.CONNECTED;
    }

    /** Prints ids and status only: sealed tokens stay out of logs too. */
    @Override
    public String toString() {
        return "Installation[id=" + id + ", organizationId=" + organizationId + ", leverAccountId="
                + leverAccountId + ", status=" + status + "]";
    }
}
