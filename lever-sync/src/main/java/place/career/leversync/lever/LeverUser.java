package place.career.leversync.lever;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Lever user, as far as lever-sync needs one: whether writes may act as it ({@code perform_as}).
 * Name and e-mail address are not kept.
 *
 * @param deactivated whether Lever reports a {@code deactivatedAt} time
 */
public record LeverUser(String id, String accessRole, boolean deactivated) {

    /** Reads the {@code data} object of Lever's user response. */
    public static LeverUser fromJson(JsonNode user) {
        return new LeverUser(LeverOpportunity.text(user.get("id")), LeverOpportunity.text(user.get("accessRole")),
                user.hasNonNull("deactivatedAt"));
    }
}
