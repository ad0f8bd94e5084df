package place.career.leversync.installation;

import java.time.Instant;
import java.util.List;

/** Values written when an installation is connected or reconnected; secrets already sealed. */
public record InstallationValues(
        String id,
        String organizationId,
        String leverAccountId,
        String accessTokenSealed,
        String refreshTokenSealed,
        Instant accessTokenExpiresAt,
        String performAs,
        String qualifiedStageId,
        List<String> signingTokensSealed) {

    /** Prints ids only. */
    @Override
    public String toString() {
        return "InstallationValues[id=" + id + ", organizationId=" + organizationId + ", leverAccountId="
                + leverAccountId + "]";
    }
}
