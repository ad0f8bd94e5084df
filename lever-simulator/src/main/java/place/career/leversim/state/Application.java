package place.career.leversim.state;

/** Application of an opportunity to a posting, or to none when {@code postingId} is null. */
public record Application(String id, String opportunityId, String postingId, long createdAt) {
}
