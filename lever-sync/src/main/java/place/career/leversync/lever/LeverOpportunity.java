package place.career.leversync.lever;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of a Lever opportunity that lever-sync uses, read tolerantly: unknown fields are
 * ignored, and references may come as ids or as expanded objects.
 *
 * @param tags null when the response carried no {@code tags} field, so callers can tell "no
 *     tags" from "not known"
 * @param stageId null when the response carried no stage
 * @param showUrl {@code urls.show}, the candidate's page in Lever
 */
public record LeverOpportunity(
        String id,
        String name,
        List<String> emails,
        String stageId,
        Set<String> tags,
        String showUrl,
        List<LeverApplication> applications,
        boolean archived) {

    /** An application of the opportunity; {@code postingId} is null for applications without a posting. */
    public record LeverApplication(String id, String postingId) {}

    /** Reads the {@code data} object of a Lever response. */
    public static LeverOpportunity fromJson(JsonNode data) {
        return new LeverOpportunity(
                text(data.get("id")),
                text(data.get("name")),
                emails(data.get("emails")),
                idOf(data.get("stage")),
                tags(data.get("tags")),
                text(data.path("urls").get("show")),
                applications(data.get("applications")),
                data.hasNonNull("archived"));
    }

    /** Returns the first e-mail address, or null. */
    public String firstEmail() {
        return emails.isEmpty() ? null : emails.get(0);
    }

    /** Prints ids only: name and e-mail addresses never reach a log. */
    @Override
    public String toString() {
        return "LeverOpportunity[id=" + id + ", stageId=" + stageId + ", tags=" + tags + "]";
    }

    private static List<String> emails(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(email -> {
                String value = email.isObject() ? text(email.get("value")) : text(email);
                if (value != null && !value.isBlank()) {
                    result.add(value);
                }
            });
        }
        return result;
    }

    private static Set<String> tags(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        Set<String> result = new LinkedHashSet<>();
        node.forEach(tag -> result.add(tag.asText()));
        return result;
    }

    private static List<LeverApplication> applications(JsonNode node) {
        List<LeverApplication> result = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(application -> result.add(application.isObject()
                    ? new LeverApplication(text(application.get("id")), idOf(application.get("posting")))
                    : new LeverApplication(text(application), null)));
        }
        return result;
    }

    /** Returns the id of a reference given either as a string or as an expanded object. */
    static String idOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isObject() ? text(node.get("id")) : text(node);
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
