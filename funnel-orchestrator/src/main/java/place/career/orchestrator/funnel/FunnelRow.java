package place.career.orchestrator.funnel;

import java.util.UUID;
import place.career.events.FunnelStatus;

/**
 * A funnel as stored, without the candidate's name and e-mail, which only the relay reads.
 *
 * @param funnelId the funnel's id
 * @param installationId the installation of the Lever account
 * @param opportunityId Lever's opportunity id
 * @param organizationId the career.place organisation that owns the job link
 * @param jobId the career.place job
 * @param jobTitle the job's title when the funnel started
 * @param invitationId the token in the candidate's personal funnel link
 * @param status the current status
 * @param version the version of the latest transition
 * @param erased whether the candidate's personal data has been erased
 */
public record FunnelRow(
        UUID funnelId,
        String installationId,
        String opportunityId,
        String organizationId,
        String jobId,
        String jobTitle,
        String invitationId,
        FunnelStatus status,
        int version,
        boolean erased) {

    /** Prints ids only: the invitation id is a bearer token for the candidate's funnel link. */
    @Override
    public String toString() {
        return "FunnelRow[funnelId=" + funnelId + ", installationId=" + installationId + ", opportunityId="
                + opportunityId + ", status=" + status + ", version=" + version + "]";
    }
}
