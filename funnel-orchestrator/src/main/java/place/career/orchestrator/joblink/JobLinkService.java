package place.career.orchestrator.joblink;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import place.career.orchestrator.http.Caller;
import place.career.orchestrator.http.ProblemException;
import place.career.orchestrator.installation.InstallationRepository;
import place.career.orchestrator.installation.InstallationRepository.InstallationRow;
import place.career.orchestrator.joblink.AuditLogRepository.Action;
import place.career.orchestrator.joblink.AuditLogRepository.AuditEntry;
import place.career.orchestrator.leversync.PostingCheck;

/**
 * Creates, changes and removes job links for the caller's organisation, with an audit entry in the
 * same transaction as every change.
 *
 * <p>Before a job is linked to a posting it was not linked to, lever-sync checks that the posting
 * exists in Lever. The check runs before the transaction, so that no row stays locked while
 * lever-sync calls Lever.
 *
 * <p>Removing a link stops new funnels for the posting, but funnels already started run to their end.
 */
@ApplicationScoped
public class JobLinkService {

    /** Ids of jobs, installations and postings: letters, digits and {@code . _ : -}. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_TITLE_LENGTH = 300;
    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;
    private final JobLinkRepository jobLinks;
    private final AuditLogRepository auditLog;
    private final InstallationRepository installations;
    private final PostingCheck postingCheck;
    private final Clock clock;

    JobLinkService(
            Pool pool,
            JobLinkRepository jobLinks,
            AuditLogRepository auditLog,
            InstallationRepository installations,
            PostingCheck postingCheck,
            Clock clock) {
        this.pool = pool;
        this.jobLinks = jobLinks;
        this.auditLog = auditLog;
        this.installations = installations;
        this.postingCheck = postingCheck;
        this.clock = clock;
    }

    /**
     * The target of a job link as the setup API receives it.
     *
     * @param installationId the installation of the Lever account that owns the posting
     * @param postingId Lever's posting id
     * @param jobTitle the career.place job's title
     */
    public record JobLinkRequest(String installationId, String postingId, String jobTitle) {}

    /**
     * The stored link after a PUT.
     *
     * @param link the link as stored
     * @param created true when the job had no link before
     */
    public record PutResult(JobLink link, boolean created) {}

    /**
     * Links a job to a posting, or points an existing link at a new posting or title. Repeating an
     * identical request changes nothing and writes no audit entry. A new link, or one pointed at
     * another posting, is stored only after lever-sync found the posting in Lever.
     *
     * @param authorization the caller's {@code Authorization} header, which the posting check
     *     forwards to lever-sync
     * @throws ProblemException through the returned {@link Uni}: 400 for invalid values, 404 when
     *     the installation is unknown or belongs to another organisation, 409 when the installation
     *     is disconnected, the posting is already linked to another job or the link changed during
     *     the posting check, 422 when Lever has no such posting, 503 when the posting check could
     *     not be made
     */
    public Uni<PutResult> put(
            Caller caller, String jobId, JobLinkRequest request, String requestId, String authorization) {
        JobLinkRequest target = validate(jobId, request);
        return checkBeforeStoring(caller, jobId, target, requestId, authorization)
                .chain(postingChecked -> pool.withTransaction(connection -> installations
                        .find(connection, target.installationId())
                        .invoke(installation -> checkInstallation(caller, installation, target.installationId()))
                        .chain(() -> jobLinks.findByPosting(connection, target.installationId(), target.postingId()))
                        .invoke(holder -> checkPostingFree(holder, caller, jobId, target))
                        .chain(() -> jobLinks.lock(connection, caller.organizationId(), jobId))
                        .invoke(existing -> requirePostingChecked(existing, jobId, target, postingChecked))
                        .flatMap(existing -> store(connection, caller, jobId, target, existing, requestId))))
                .onFailure(JobLinkService::isUniqueViolation)
                .transform(failure -> conflict(jobId, target, (PgException) failure));
    }

    /** Returns the caller organisation's links ordered by job id. */
    public Uni<List<JobLink>> list(Caller caller) {
        return jobLinks.list(pool, caller.organizationId());
    }

    /** Returns the caller organisation's most recent audit entries, newest first. */
    public Uni<List<AuditEntry>> auditLog(Caller caller, int limit) {
        return auditLog.latest(pool, caller.organizationId(), limit);
    }

    /**
     * Removes the link of a job.
     *
     * @throws ProblemException through the returned {@link Uni}: 404 when the caller's
     *     organisation has no link for the job
     */
    public Uni<Void> delete(Caller caller, String jobId, String requestId) {
        requireId(jobId, "jobId");
        return pool.withTransaction(connection -> jobLinks
                .delete(connection, caller.organizationId(), jobId)
                .flatMap(removed -> {
                    if (removed == null) {
                        throw ProblemException.notFound("Job '" + jobId + "' has no link.");
                    }
                    Log.infof("Job link deleted organizationId=%s jobId=%s by userId=%s requestId=%s",
                            caller.organizationId(), jobId, caller.userId(), requestId);
                    AuditEntry entry = new AuditEntry(caller.organizationId(), caller.userId(),
                            Action.JOB_LINK_DELETED, jobId, describe(removed), null, requestId, clock.instant());
                    return auditLog.insert(connection, entry);
                }));
    }

    /**
     * Runs the local checks without locks, then has lever-sync check the posting when the request
     * changes which posting the job is linked to. Returns whether the posting was checked.
     */
    private Uni<Boolean> checkBeforeStoring(
            Caller caller, String jobId, JobLinkRequest target, String requestId, String authorization) {
        return installations.find(pool, target.installationId())
                .invoke(installation -> checkInstallation(caller, installation, target.installationId()))
                .chain(() -> jobLinks.findByPosting(pool, target.installationId(), target.postingId()))
                .invoke(holder -> checkPostingFree(holder, caller, jobId, target))
                .chain(() -> jobLinks.find(pool, caller.organizationId(), jobId))
                .chain(existing -> {
                    if (!needsPostingCheck(existing, target)) {
                        return Uni.createFrom().item(false);
                    }
                    // NOTE: lever-sync checks the Lever account of the organisation's current
                    // connection. The installation id of the request is checked here only, so
                    // the two could differ for a moment after the organisation reconnected to
                    // another Lever account.
                    return postingCheck.requireExisting(target.postingId(), authorization, requestId)
                            .replaceWith(true);
                });
    }

    private static boolean needsPostingCheck(JobLink existing, JobLinkRequest target) {
        return existing == null || !existing.samePosting(target.installationId(), target.postingId());
    }

    /** Rejects a change to an unchecked posting, which happens when another request changed the link meanwhile. */
    private static void requirePostingChecked(
            JobLink existing, String jobId, JobLinkRequest target, boolean postingChecked) {
        if (!postingChecked && needsPostingCheck(existing, target)) {
            throw new ProblemException(Response.Status.CONFLICT, "concurrent-change", "Concurrent change",
                    "Job '" + jobId + "' was changed by a concurrent request; read the link and retry.");
        }
    }

    private Uni<PutResult> store(
            SqlConnection connection,
            Caller caller,
            String jobId,
            JobLinkRequest target,
            JobLink existing,
            String requestId) {
        if (existing != null && existing.sameTarget(target.installationId(), target.postingId(), target.jobTitle())) {
            return Uni.createFrom().item(new PutResult(existing, false));
        }
        Instant now = clock.instant();
        JobLink link = new JobLink(caller.organizationId(), jobId, target.installationId(), target.postingId(),
                target.jobTitle(),
                existing == null ? now : existing.createdAt(),
                existing == null ? caller.userId() : existing.createdBy(),
                now, caller.userId());
        Action action = existing == null ? Action.JOB_LINK_CREATED : Action.JOB_LINK_UPDATED;
        AuditEntry entry = new AuditEntry(caller.organizationId(), caller.userId(), action, jobId,
                existing == null ? null : describe(existing), describe(link), requestId, now);
        Uni<Void> written = existing == null ? jobLinks.insert(connection, link) : jobLinks.update(connection, link);

        return written
                .chain(() -> auditLog.insert(connection, entry))
                .invoke(() -> Log.infof("Job link %s organizationId=%s jobId=%s installationId=%s postingId=%s "
                                + "by userId=%s requestId=%s", action, caller.organizationId(), jobId,
                        target.installationId(), target.postingId(), caller.userId(), requestId))
                .replaceWith(new PutResult(link, existing == null));
    }

    private static void checkInstallation(Caller caller, InstallationRow installation, String installationId) {
        if (installation == null || !caller.organizationId().equals(installation.organizationId())) {
            throw ProblemException.notFound("Installation '" + installationId + "' was not found in your"
                    + " organisation. Use the installationId from lever-sync's GET /api/setup/lever/status.");
        }
        if (!installation.isActive()) {
            throw new ProblemException(Response.Status.CONFLICT, "installation-disconnected",
                    "Installation disconnected",
                    "Installation '" + installationId + "' is disconnected; reconnect Lever before linking jobs.");
        }
    }

    private static void checkPostingFree(JobLink holder, Caller caller, String jobId, JobLinkRequest target) {
        boolean heldByOtherJob = holder != null
                && !(holder.organizationId().equals(caller.organizationId()) && holder.jobId().equals(jobId));
        if (heldByOtherJob) {
            throw postingTaken(target, "job '" + holder.jobId() + "'");
        }
    }

    private static ProblemException conflict(String jobId, JobLinkRequest target, PgException failure) {
        if (JobLinkRepository.ONE_JOB_PER_POSTING.equals(failure.getConstraint())) {
            return postingTaken(target, "another job");
        }
        return new ProblemException(Response.Status.CONFLICT, "concurrent-change", "Concurrent change",
                "Job '" + jobId + "' was linked by a concurrent request; read the link and retry.");
    }

    private static ProblemException postingTaken(JobLinkRequest target, String holder) {
        return new ProblemException(Response.Status.CONFLICT, "posting-already-linked", "Posting already linked",
                "Posting '" + target.postingId() + "' of installation '" + target.installationId()
                        + "' is already linked to " + holder + "; unlink it first.");
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    private static JobLinkRequest validate(String jobId, JobLinkRequest request) {
        requireId(jobId, "jobId");
        if (request == null) {
            throw ProblemException.invalid("Request body is missing. Send installationId, postingId and jobTitle.");
        }
        requireId(request.installationId(), "installationId");
        requireId(request.postingId(), "postingId");
        String title = request.jobTitle() == null ? "" : request.jobTitle().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE_LENGTH) {
            throw ProblemException.invalid("Field 'jobTitle' must have 1 to " + MAX_TITLE_LENGTH + " characters.");
        }
        return new JobLinkRequest(request.installationId(), request.postingId(), title);
    }

    private static void requireId(String value, String field) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ProblemException.invalid("Field '" + field
                    + "' must be 1 to 128 letters, digits or the characters . _ : -");
        }
    }

    private static Map<String, Object> describe(JobLink link) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("installationId", link.installationId());
        values.put("postingId", link.postingId());
        values.put("jobTitle", link.jobTitle());
        return values;
    }
}
