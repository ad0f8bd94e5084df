package place.career.orchestrator.joblink;

import java.time.Instant;

/**
 * A career.place job linked to a Lever posting, so that applications to the posting start funnels of
 * the job.
 *
 * @param organizationId the career.place organisation that owns the job
 * @param jobId the career.place job id
 * @param installationId the installation of the Lever account that owns the posting
 * @param postingId Lever's posting id
 * @param jobTitle the job's title, used in invitation e-mails
 * @param createdAt when the link was created
 * @param createdBy the user id of the admin who created it
 * @param updatedAt when the link last changed
 * @param updatedBy the user id of the admin who last changed it
 */
public record JobLink(
        String organizationId,
        String jobId,
        String installationId,
        String postingId,
        String jobTitle,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    /** Returns whether the link points the job at the same posting of the same installation. */
    boolean samePosting(String otherInstallationId, String otherPostingId) {
        return installationId.equals(otherInstallationId) && postingId.equals(otherPostingId);
    }

    /** Returns whether the link points the job at the same posting under the same title. */
    boolean sameTarget(String otherInstallationId, String otherPostingId, String otherJobTitle) {
        return samePosting(otherInstallationId, otherPostingId) && jobTitle.equals(otherJobTitle);
    }
}
