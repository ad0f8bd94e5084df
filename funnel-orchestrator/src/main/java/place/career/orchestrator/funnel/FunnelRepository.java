package place.career.orchestrator.funnel;

import static place.career.orchestrator.config.SqlTimes.toSql;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import place.career.events.FunnelStatus;

/**
 * Storage of funnels, their history and the applications that started none. Every method runs on
 * the caller's connection, so that a whole decision commits or rolls back together.
 */
@ApplicationScoped
public class FunnelRepository {

    private static final String FUNNEL_COLUMNS = """
            funnel_id, installation_id, opportunity_id, organization_id, job_id, job_title,
            invitation_id, status, version, erased_at IS NOT NULL AS erased""";

    /** Kinds of history row. */
    public enum HistoryKind {
        TRANSITION,
        NOTED,
        IGNORED
    }

    /**
     * One history row.
     *
     * @param kind what the row records
     * @param funnelId the funnel
     * @param source the record that caused it
     * @param fromStatus the status before ({@code TRANSITION} only, null for the first one)
     * @param toStatus the status after ({@code TRANSITION} only)
     * @param version the funnel version the transition created ({@code TRANSITION} only)
     * @param statusEventId the event id published on funnel.status.v1 ({@code TRANSITION} only)
     * @param reason the reason published with the status ({@code TRANSITION} only)
     * @param detail why an event was noted or ignored
     * @param payload the funnel.status.v1 record without personal data ({@code TRANSITION} only)
     * @param recordedAt when this service recorded it
     */
    public record HistoryEntry(
            HistoryKind kind,
            UUID funnelId,
            SourceEvent source,
            FunnelStatus fromStatus,
            FunnelStatus toStatus,
            Integer version,
            UUID statusEventId,
            String reason,
            String detail,
            JsonObject payload,
            Instant recordedAt) {}

    /**
     * The fields of a new funnel.
     *
     * @param funnelId the new funnel's id
     * @param installationId the installation of the Lever account
     * @param opportunityId Lever's opportunity id
     * @param applicationId Lever's application id, or null
     * @param postingId the posting the candidate applied to
     * @param organizationId the organisation that owns the job link
     * @param jobId the linked career.place job
     * @param jobTitle the job's title
     * @param invitationId the token for the candidate's personal funnel link
     * @param candidateName the candidate's name, or null
     * @param candidateEmail the candidate's e-mail address
     * @param createdAt when the funnel was created
     */
    public record NewFunnel(
            UUID funnelId,
            String installationId,
            String opportunityId,
            String applicationId,
            String postingId,
            String organizationId,
            String jobId,
            String jobTitle,
            String invitationId,
            String candidateName,
            String candidateEmail,
            Instant createdAt) {

        /** Prints ids only: no name, e-mail or invitation token in logs. */
        @Override
        public String toString() {
            return "NewFunnel[funnelId=" + funnelId + ", installationId=" + installationId + ", opportunityId="
                    + opportunityId + ", jobId=" + jobId + "]";
        }
    }

    /**
     * Inserts a funnel in status {@code INVITED}, version 1, unless the opportunity already has one.
     *
     * @return true when the row was inserted, false when a funnel for the opportunity existed
     */
    public Uni<Boolean> insert(SqlConnection connection, NewFunnel funnel) {
        String sql = """
                INSERT INTO funnels (funnel_id, installation_id, opportunity_id, application_id, posting_id,
                    organization_id, job_id, job_title, invitation_id, status, version, candidate_name,
                    candidate_email, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'INVITED', 1, $10, $11, $12, $12)
                ON CONFLICT (installation_id, opportunity_id) DO NOTHING""";
        Tuple values = Tuple.tuple()
                .addUUID(funnel.funnelId())
                .addString(funnel.installationId())
                .addString(funnel.opportunityId())
                .addString(funnel.applicationId())
                .addString(funnel.postingId())
                .addString(funnel.organizationId())
                .addString(funnel.jobId())
                .addString(funnel.jobTitle())
                .addString(funnel.invitationId())
                .addString(funnel.candidateName())
                .addString(funnel.candidateEmail())
                .addOffsetDateTime(toSql(funnel.createdAt()));
        return connection.preparedQuery(sql).execute(values).map(rows -> rows.rowCount() == 1);
    }

    /** Locks and returns the funnel with this invitation id, or null when there is none. */
    public Uni<FunnelRow> lockByInvitation(SqlConnection connection, String invitationId) {
        return lockOne(connection, "invitation_id = $1", Tuple.of(invitationId));
    }

    /** Locks and returns the funnel with this id, or null when there is none. */
    public Uni<FunnelRow> lockById(SqlConnection connection, UUID funnelId) {
        return lockOne(connection, "funnel_id = $1", Tuple.of(funnelId));
    }

    /** Locks and returns the funnel of this opportunity, or null when there is none. */
    public Uni<FunnelRow> lockByOpportunity(SqlConnection connection, String installationId, String opportunityId) {
        return lockOne(connection, "installation_id = $1 AND opportunity_id = $2",
                Tuple.of(installationId, opportunityId));
    }

    /**
     * Locks and returns the open funnels ({@code INVITED}, {@code IN_PROGRESS}) of an installation
     * that were created at or before {@code createdUpTo}, oldest first.
     */
    public Uni<List<FunnelRow>> lockOpenByInstallation(
            SqlConnection connection, String installationId, Instant createdUpTo) {
        String sql = "SELECT " + FUNNEL_COLUMNS + """
                 FROM funnels
                WHERE installation_id = $1 AND status IN ('INVITED', 'IN_PROGRESS') AND created_at <= $2
                ORDER BY created_at, funnel_id
                FOR UPDATE""";
        return connection.preparedQuery(sql)
                .execute(Tuple.of(installationId, toSql(createdUpTo)))
                .map(FunnelRepository::toFunnels);
    }

    /** Stores a funnel's new status and version, and the applicant card link when one is given. */
    public Uni<Void> updateStatus(
            SqlConnection connection,
            UUID funnelId,
            FunnelStatus status,
            int version,
            String applicantCardUrl,
            Instant now) {
        String sql = """
                UPDATE funnels
                   SET status = $2, version = $3,
                       applicant_card_url = COALESCE($4, applicant_card_url), updated_at = $5
                 WHERE funnel_id = $1""";
        Tuple values = Tuple.tuple()
                .addUUID(funnelId)
                .addString(status.name())
                .addInteger(version)
                .addString(applicantCardUrl)
                .addOffsetDateTime(toSql(now));
        return connection.preparedQuery(sql).execute(values).replaceWithVoid();
    }

    /** Deletes the candidate's name and e-mail address from the funnel and marks it erased. */
    public Uni<Void> erasePersonalData(SqlConnection connection, UUID funnelId, Instant now) {
        String sql = """
                UPDATE funnels
                   SET candidate_name = NULL, candidate_email = NULL, erased_at = $2, updated_at = $2
                 WHERE funnel_id = $1""";
        return connection.preparedQuery(sql).execute(Tuple.of(funnelId, toSql(now))).replaceWithVoid();
    }

    /** Appends a row to a funnel's history. */
    public Uni<Void> insertHistory(SqlConnection connection, HistoryEntry entry) {
        String sql = """
                INSERT INTO funnel_history (funnel_id, kind, source_topic, source_event_id, source_type,
                    source_occurred_at, recorded_at, from_status, to_status, version, status_event_id,
                    reason, detail, payload)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)""";
        Tuple values = Tuple.tuple()
                .addUUID(entry.funnelId())
                .addString(entry.kind().name())
                .addString(entry.source().topic())
                .addString(entry.source().eventId())
                .addString(entry.source().type())
                .addOffsetDateTime(toSql(entry.source().occurredAt()))
                .addOffsetDateTime(toSql(entry.recordedAt()))
                .addString(entry.fromStatus() == null ? null : entry.fromStatus().name())
                .addString(entry.toStatus() == null ? null : entry.toStatus().name())
                .addInteger(entry.version())
                .addUUID(entry.statusEventId())
                .addString(entry.reason())
                .addString(entry.detail())
                .addValue(entry.payload());
        return connection.preparedQuery(sql).execute(values).replaceWithVoid();
    }

    /** Records an application that started no funnel, with the reason. */
    public Uni<Void> insertSkippedApplication(
            SqlConnection connection,
            String installationId,
            String opportunityId,
            String postingId,
            SourceEvent source,
            String detail,
            Instant now) {
        String sql = """
                INSERT INTO skipped_applications (installation_id, opportunity_id, posting_id,
                    source_event_id, detail, source_occurred_at, recorded_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)""";
        Tuple values = Tuple.tuple()
                .addString(installationId)
                .addString(opportunityId)
                .addString(postingId)
                .addString(source.eventId())
                .addString(detail)
                .addOffsetDateTime(toSql(source.occurredAt()))
                .addOffsetDateTime(toSql(now));
        return connection.preparedQuery(sql).execute(values).replaceWithVoid();
    }

    private Uni<FunnelRow> lockOne(SqlConnection connection, String condition, Tuple values) {
        String sql = "SELECT " + FUNNEL_COLUMNS + " FROM funnels WHERE " + condition + " FOR UPDATE";
        return connection.preparedQuery(sql).execute(values).map(rows -> {
            List<FunnelRow> funnels = toFunnels(rows);
            return funnels.isEmpty() ? null : funnels.get(0);
        });
    }

    private static List<FunnelRow> toFunnels(RowSet<Row> rows) {
        List<FunnelRow> funnels = new ArrayList<>(rows.size());
        for (Row row : rows) {
            funnels.add(new FunnelRow(
                    row.getUUID("funnel_id"),
                    row.getString("installation_id"),
                    row.getString("opportunity_id"),
                    row.getString("organization_id"),
                    row.getString("job_id"),
                    row.getString("job_title"),
                    row.getString("invitation_id"),
                    FunnelStatus.valueOf(row.getString("status")),
                    row.getInteger("version"),
                    row.getBoolean("erased")));
        }
        return funnels;
    }
}
