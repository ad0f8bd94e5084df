package place.career.leversim.state;

import java.util.Set;

/** Job posting with its Lever state (published, internal, closed, draft, pending, rejected). */
public record Posting(
        String id,
        String text,
        String state,
        boolean confidential,
        long createdAt,
        long updatedAt) {

    /** The values Lever accepts for a posting's {@code state}. */
    public static final Set<String> STATES =
            Set.of("published", "internal", "closed", "draft", "pending", "rejected");

    Posting withConfidential(boolean value, long now) {
        return new Posting(id, text, state, value, createdAt, now);
    }
}
