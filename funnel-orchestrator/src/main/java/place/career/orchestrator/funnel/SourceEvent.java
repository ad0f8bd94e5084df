package place.career.orchestrator.funnel;

import java.time.Instant;

/**
 * The consumed record that caused a change, as kept in a funnel's history.
 *
 * @param topic the topic the record came from
 * @param eventId the record's event id, unique within the topic
 * @param type the record's type as its producer names it, for example {@code started}
 * @param occurredAt when the producer reports it happened, or null when the record has no time
 */
public record SourceEvent(String topic, String eventId, String type, Instant occurredAt) {}
