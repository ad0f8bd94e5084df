package place.career.orchestrator.timeline;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import place.career.orchestrator.config.SqlTimes;

/** Read-only queries behind the developer timeline. */
@ApplicationScoped
public class TimelineRepository {

    private final Pool pool;

    TimelineRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * A funnel's header row and its owning organisation, for the access check.
     *
     * @param organizationId the organisation that owns the funnel's job link
     * @param timeline the timeline without entries
     */
    public record FunnelHeader(String organizationId, Timeline timeline) {}

    /** Returns the funnel with this id, or null when there is none. */
    public Uni<FunnelHeader> findById(UUID funnelId) {
        return findOne("funnel_id = $1", Tuple.of(funnelId));
    }

    /** Returns the funnel of an opportunity, or null when there is none. */
    public Uni<FunnelHeader> findByOpportunity(String installationId, String opportunityId) {
        return findOne("installation_id = $1 AND opportunity_id = $2", Tuple.of(installationId, opportunityId));
    }

    /** Returns the history of a funnel, oldest first. */
    public Uni<List<Timeline.Entry>> entries(UUID funnelId) {
        String sql = """
                SELECT kind, recorded_at, source_topic, source_event_id, source_type, source_occurred_at,
                       from_status, to_status, version, status_event_id, published_at, reason, detail
                  FROM funnel_history WHERE funnel_id = $1 ORDER BY id""";
        return pool.preparedQuery(sql).execute(Tuple.of(funnelId)).map(TimelineRepository::toEntries);
    }

    /**
     * Returns why applications of an opportunity started no funnel, newest first, as short sentences
     * with the source event id and time. Only an installation of {@code organizationId} returns any.
     */
    public Uni<List<String>> skippedApplications(String organizationId, String installationId, String opportunityId) {
        String sql = """
                SELECT s.source_event_id, s.detail, s.recorded_at
                  FROM skipped_applications s
                  JOIN installations i ON i.installation_id = s.installation_id AND i.organization_id = $3
                 WHERE s.installation_id = $1 AND s.opportunity_id = $2
                 ORDER BY s.id DESC LIMIT 10""";
        Tuple values = Tuple.of(installationId, opportunityId, organizationId);
        return pool.preparedQuery(sql).execute(values).map(rows -> {
            List<String> reasons = new ArrayList<>(rows.size());
            for (Row row : rows) {
                reasons.add("event " + row.getString("source_event_id") + " at "
                        + SqlTimes.instant(row, "recorded_at") + ": " + row.getString("detail"));
            }
            return reasons;
        });
    }

    private Uni<FunnelHeader> findOne(String condition, Tuple values) {
        String sql = """
                SELECT funnel_id, installation_id, opportunity_id, organization_id, job_id, status, version,
                       created_at, erased_at
                  FROM funnels WHERE """ + " " + condition;
        return pool.preparedQuery(sql).execute(values).map(rows -> {
            Iterator<Row> iterator = rows.iterator();
            if (!iterator.hasNext()) {
                return null;
            }
            Row row = iterator.next();
            Timeline timeline = new Timeline(
                    row.getUUID("funnel_id").toString(),
                    row.getString("installation_id"),
                    row.getString("opportunity_id"),
                    row.getString("job_id"),
                    row.getString("status"),
                    row.getInteger("version"),
                    SqlTimes.instant(row, "created_at"),
                    SqlTimes.instant(row, "erased_at"),
                    List.of());
            return new FunnelHeader(row.getString("organization_id"), timeline);
        });
    }

    private static List<Timeline.Entry> toEntries(RowSet<Row> rows) {
        List<Timeline.Entry> entries = new ArrayList<>(rows.size());
        for (Row row : rows) {
            UUID statusEventId = row.getUUID("status_event_id");
            boolean freeText = "UNQUALIFIED".equals(row.getString("to_status"));
            entries.add(new Timeline.Entry(
                    row.getString("kind"),
                    SqlTimes.instant(row, "recorded_at"),
                    row.getString("source_topic"),
                    row.getString("source_event_id"),
                    row.getString("source_type"),
                    SqlTimes.instant(row, "source_occurred_at"),
                    row.getString("from_status"),
                    row.getString("to_status"),
                    row.getInteger("version"),
                    statusEventId == null ? null : statusEventId.toString(),
                    SqlTimes.instant(row, "published_at"),
                    freeText ? null : row.getString("reason"),
                    row.getString("detail")));
        }
        return entries;
    }
}
