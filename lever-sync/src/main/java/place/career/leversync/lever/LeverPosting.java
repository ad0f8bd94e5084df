package place.career.leversync.lever;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a Lever posting that the setup screens show when an admin links a job.
 *
 * @param state published, internal, closed, draft, pending or rejected
 * @param url {@code urls.show}, the posting's public page; null when Lever returned none
 */
public record LeverPosting(
        String id,
        String text,
        String state,
        String team,
        String department,
        String location,
        String commitment,
        String url) {

    /** Reads one element of Lever's postings list, or the {@code data} of {@code GET /postings/:id}. */
    public static LeverPosting fromJson(JsonNode posting) {
        JsonNode categories = posting.path("categories");
        return new LeverPosting(
                LeverOpportunity.text(posting.get("id")),
                LeverOpportunity.text(posting.get("text")),
                LeverOpportunity.text(posting.get("state")),
                LeverOpportunity.text(categories.get("team")),
                LeverOpportunity.text(categories.get("department")),
                LeverOpportunity.text(categories.get("location")),
                LeverOpportunity.text(categories.get("commitment")),
                LeverOpportunity.text(posting.path("urls").get("show")));
    }
}
