package place.career.leversim.state;

/** Application of an opportunity to a posting; {@code postingId} is null for a general one. */
public record Application(String id, String opportunityId, String postingId, long createdAt) {
}
