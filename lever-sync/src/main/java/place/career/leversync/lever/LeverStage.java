package place.career.leversync.lever;

import com.fasterxml.jackson.databind.JsonNode;

/** A stage of the Lever account's pipeline. Ids may be UUIDs or fixed slugs like {@code applicant-new}. */
public record LeverStage(String id, String text) {

    /** Reads one element of Lever's stages list. */
    public static LeverStage fromJson(JsonNode stage) {
        return new LeverStage(LeverOpportunity.text(stage.get("id")), LeverOpportunity.text(stage.get("text")));
    }
}
