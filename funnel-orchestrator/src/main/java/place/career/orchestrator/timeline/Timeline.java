package place.career.orchestrator.timeline;

import java.time.Instant;
import java.util.List;

/**
 * One funnel's history for developers: ids, statuses and times, never the candidate's name,
 * e-mail or career.place's free-text reasons.
 *
 * @param funnelId the funnel's id
 * @param installationId the installation of the Lever account
 * @param opportunityId Lever's opportunity id
 * @param jobId the career.place job
 * @param status the current status
 * @param version the version of the latest transition
 * @param createdAt when the funnel started
 * @param erasedAt when the candidate's personal data was erased, or null
 * @param entries every transition, noted and ignored event, oldest first
 */
public record Timeline(
        String funnelId,
        String installationId,
        String opportunityId,
        String jobId,
        String status,
        int version,
        Instant createdAt,
        Instant erasedAt,
        List<Entry> entries) {

    /**
     * One row of the history.
     *
     * @param kind {@code TRANSITION}, {@code NOTED} or {@code IGNORED}
     * @param recordedAt when this service recorded it
     * @param sourceTopic the topic of the record that caused it
     * @param sourceEventId that record's event id
     * @param sourceType that record's type
     * @param sourceOccurredAt when the record's producer reports it happened, or null
     * @param fromStatus the status before a transition
     * @param toStatus the status after a transition
     * @param version the version a transition created
     * @param statusEventId the event id of the transition on funnel.status.v1
     * @param publishedAt when the transition reached funnel.status.v1, or null while pending
     * @param reason the reason code of a transition; null for career.place's free-text reasons
     * @param detail why an event was noted or ignored
     */
    public record Entry(
            String kind,
            Instant recordedAt,
            String sourceTopic,
            String sourceEventId,
            String sourceType,
            Instant sourceOccurredAt,
            String fromStatus,
            String toStatus,
            Integer version,
            String statusEventId,
            Instant publishedAt,
            String reason,
            String detail) {}
}
