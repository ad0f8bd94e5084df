package place.career.orchestrator.joblink;

import static place.career.orchestrator.config.SqlTimes.toSql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import place.career.orchestrator.config.SqlTimes;

/** Storage of job links. */
@ApplicationScoped
public class JobLinkRepository {

    /** Name of the unique constraint that allows one job per posting and installation. */
    static final String ONE_JOB_PER_POSTING = "job_links_one_job_per_posting";

    private static final String COLUMNS = """
            organization_id, job_id, installation_id, posting_id, job_title,
            created_at, created_by, updated_at, updated_by""";

    /** Returns the link of a posting, or null when the posting is not linked. */
    public Uni<JobLink> findByPosting(SqlClient client, String installationId, String postingId) {
        String sql = "SELECT " + COLUMNS + " FROM job_links WHERE installation_id = $1 AND posting_id = $2";
        return client.preparedQuery(sql).execute(Tuple.of(installationId, postingId)).map(JobLinkRepository::first);
    }

    /** Returns an organisation's link for a job without locking it, or null when the job is not linked. */
    public Uni<JobLink> find(SqlClient client, String organizationId, String jobId) {
        String sql = "SELECT " + COLUMNS + " FROM job_links WHERE organization_id = $1 AND job_id = $2";
        return client.preparedQuery(sql).execute(Tuple.of(organizationId, jobId)).map(JobLinkRepository::first);
    }

    /** Locks and returns an organisation's link for a job, or null when the job is not linked. */
    public Uni<JobLink> lock(SqlConnection connection, String organizationId, String jobId) {
        String sql = "SELECT " + COLUMNS + " FROM job_links WHERE organization_id = $1 AND job_id = $2 FOR UPDATE";
        return connection.preparedQuery(sql).execute(Tuple.of(organizationId, jobId)).map(JobLinkRepository::first);
    }

    /** Returns an organisation's links ordered by job id. */
    public Uni<List<JobLink>> list(SqlClient client, String organizationId) {
        String sql = "SELECT " + COLUMNS + " FROM job_links WHERE organization_id = $1 ORDER BY job_id";
        return client.preparedQuery(sql).execute(Tuple.of(organizationId)).map(JobLinkRepository::all);
    }

    /**
     * Inserts a link.
     *
     * @throws io.vertx.pgclient.PgException with SQL state 23505 when the job or the posting is
     *     already linked, reported through the returned {@link Uni}
     */
    public Uni<Void> insert(SqlConnection connection, JobLink link) {
        String sql = "INSERT INTO job_links (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
        Tuple values = Tuple.tuple()
                .addString(link.organizationId())
                .addString(link.jobId())
                .addString(link.installationId())
                .addString(link.postingId())
                .addString(link.jobTitle())
                .addOffsetDateTime(toSql(link.createdAt()))
                .addString(link.createdBy())
                .addOffsetDateTime(toSql(link.updatedAt()))
                .addString(link.updatedBy());
        return connection.preparedQuery(sql).execute(values).replaceWithVoid();
    }

    /**
     * Points an existing link at a new posting or title.
     *
     * @throws io.vertx.pgclient.PgException with SQL state 23505 when the posting is already linked
     *     to another job, reported through the returned {@link Uni}
     */
    public Uni<Void> update(SqlConnection connection, JobLink link) {
        String sql = """
                UPDATE job_links
                   SET installation_id = $3, posting_id = $4, job_title = $5, updated_at = $6, updated_by = $7
                 WHERE organization_id = $1 AND job_id = $2""";
        Tuple values = Tuple.tuple()
                .addString(link.organizationId())
                .addString(link.jobId())
                .addString(link.installationId())
                .addString(link.postingId())
                .addString(link.jobTitle())
                .addOffsetDateTime(toSql(link.updatedAt()))
                .addString(link.updatedBy());
        return connection.preparedQuery(sql).execute(values).replaceWithVoid();
    }

    /** Deletes an organisation's link for a job and returns it, or null when there was none. */
    public Uni<JobLink> delete(SqlConnection connection, String organizationId, String jobId) {
        String sql = "DELETE FROM job_links WHERE organization_id = $1 AND job_id = $2 RETURNING " + COLUMNS;
        return connection.preparedQuery(sql).execute(Tuple.of(organizationId, jobId)).map(JobLinkRepository::first);
    }

    private static JobLink first(RowSet<Row> rows) {
        List<JobLink> links = all(rows);
        return links.isEmpty() ? null : links.get(0);
    }

    private static List<JobLink> all(RowSet<Row> rows) {
        List<JobLink> links = new ArrayList<>(rows.size());
        for (Row row : rows) {
            links.add(new JobLink(
                    row.getString("organization_id"),
                    row.getString("job_id"),
                    row.getString("installation_id"),
                    row.getString("posting_id"),
                    row.getString("job_title"),
                    SqlTimes.instant(row, "created_at"),
                    row.getString("created_by"),
                    SqlTimes.instant(row, "updated_at"),
                    row.getString("updated_by")));
        }
        return links;
    }
}
