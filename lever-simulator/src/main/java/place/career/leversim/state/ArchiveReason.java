package place.career.leversim.state;

/** Reason a recruiter picks when archiving, of {@code type} "hired" or "non-hired". */
public record ArchiveReason(String id, String text, String type) {
}
