package place.career.leversim.state;

/** Archive state of an opportunity: the archive-reason id and the time of archiving. */
public record Archived(String reason, long archivedAt) {
}
