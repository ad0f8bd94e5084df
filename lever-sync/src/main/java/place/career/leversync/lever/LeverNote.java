package place.career.leversync.lever;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A note on an opportunity. Lever returns the text either as {@code value} or inside {@code
 * fields[].value}, and {@code text} joins whatever is present.
 */
public record LeverNote(String id, String text) {

    /** Reads one element of a notes list or a note response; the id comes from noteId or id. */
    public static LeverNote fromJson(JsonNode note) {
        String id = note.hasNonNull("noteId") ? note.get("noteId").asText() : LeverOpportunity.text(note.get("id"));
        StringBuilder text = new StringBuilder();
        if (note.hasNonNull("value")) {
            text.append(note.get("value").asText());
        }
        JsonNode fields = note.get("fields");
        if (fields != null && fields.isArray()) {
            fields.forEach(field -> {
                if (field.hasNonNull("value")) {
                    text.append('\n').append(field.get("value").asText());
                }
            });
        }
        return new LeverNote(id, text.toString());
    }

    /** Prints the id only: note text can name the candidate. */
    @Override
    public String toString() {
        return "LeverNote[id=" + id + "]";
    }
}
