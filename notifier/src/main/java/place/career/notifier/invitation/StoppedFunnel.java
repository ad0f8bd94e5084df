package place.career.notifier.invitation;

import io.vertx.mutiny.sqlclient.Row;

/**
 * Ids of a funnel whose schedule an outcome stopped.
 *
 * @param funnelId the funnel
 * @param installationId its installation, for the outcome's record key
 * @param opportunityId its opportunity, for the outcome's record key
 * @param wasActive whether the schedule was still running, so an outcome must be published
 */
public record StoppedFunnel(
        String funnelId, String installationId, String opportunityId, boolean wasActive) {

    static StoppedFunnel from(Row row, boolean wasActive) {
        return new StoppedFunnel(
                row.getString("funnel_id"),
                row.getString("installation_id"),
                row.getString("opportunity_id"),
                wasActive);
    }
}
