package place.career.leversync.setup;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import place.career.leversync.installation.Installation;
import place.career.leversync.setup.SetupRepository.StatusDetails;

/** The state of an organisation's Lever connection, as the settings screen shows it. */
@Schema(description = "State of the organisation's Lever connection")
public record ConnectionStatus(
        @Schema(description = "CONNECTED, REVOKED or DISCONNECTED. REVOKED means Lever rejected the"
                + " credentials, and queued work waits for a reconnect. An organisation that never connected"
                + " Lever gets DISCONNECTED too.")
        String status,
        @Schema(description = "Null when the organisation never connected Lever") String installationId,
        String leverAccountId,
        @Schema(description = "Lever user id that notes, tags and stage moves act as") String performAs,
        @Schema(description = "Lever stage that qualified candidates move to; null until chosen")
        String qualifiedStageId,
        @Schema(description = "Number of stored webhook signing tokens; the tokens are never returned")
        int signingTokenCount,
        @Schema(description = "Scopes Lever granted at the last connect") List<String> grantedScopes,
        Instant connectedAt,
        @Schema(description = "career.place user id of the admin who connected last") String connectedBy,
        Instant disconnectedAt,
        @Schema(description = "When the last webhook from Lever arrived") Instant lastWebhookAt,
        @Schema(description = "When Lever's Verify Connection request last arrived") Instant lastVerifiedAt,
        @Schema(description = "The latest error seen for the connection, with ids but no personal data")
        String lastError,
        Instant lastErrorAt,
        @Schema(description = "Queued Lever updates; while REVOKED they wait for a reconnect")
        long pendingWorkItems) {

    /** Returns the status of an organisation that never connected Lever. */
    static ConnectionStatus neverConnected() {
        return new ConnectionStatus("DISCONNECTED", null, null, null, null, 0, List.of(), null, null, null, null,
                null, null, null, 0);
    }

    /** Combines an installation with its details. */
    static ConnectionStatus of(Installation installation, StatusDetails details) {
        List<String> scopes = details.grantedScopes() == null || details.grantedScopes().isBlank() ? List.of()
                : Arrays.asList(details.grantedScopes().trim().split("\\s+"));
        return new ConnectionStatus(
                installation.status().name(),
                installation.id(),
                installation.leverAccountId(),
                installation.performAs(),
                installation.qualifiedStageId(),
                installation.signingTokensSealed().size(),
                scopes,
                details.connectedAt(),
                details.connectedBy(),
                details.disconnectedAt(),
                installation.lastWebhookAt(),
                installation.lastVerifiedAt(),
                installation.lastError(),
                details.lastErrorAt(),
                details.pendingWorkItems());
    }
}
