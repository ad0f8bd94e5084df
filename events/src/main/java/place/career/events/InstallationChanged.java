package place.career.events;

import java.time.Instant;
import java.util.List;

/**
 * The current state of one installation, published by lever-sync on the compacted topic
 * {@link Topics#LEVER_INSTALLATIONS} with the installation id as key. A record with a null value
 * (tombstone) means the installation was deleted.
 *
 * @param installationId the installation's id
 * @param organizationId the career.place organisation that owns it
 * @param status whether webhooks and write-backs are active
 * @param signingTokens the webhook signing tokens, each sealed with {@link SecretBox}; never plain text
 * @param updatedAt when the state last changed
 */
public record InstallationChanged(
        String installationId,
        String organizationId,
        Status status,
        List<String> signingTokens,
        Instant updatedAt) {

    /** Lifecycle of an installation. */
    public enum Status {
        CONNECTED,
        REVOKED,
        DISCONNECTED
    }

    /** Prints ids only: sealed tokens stay out of logs too. */
    @Override
    public String toString() {
        return "InstallationChanged[installationId=" + installationId + ", organizationId=" + organizationId
                + ", status=" + status + ", signingTokens=" + (signingTokens == null ? 0 : signingTokens.size())
                + "]";
    }
}
