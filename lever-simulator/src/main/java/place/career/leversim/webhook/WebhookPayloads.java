package place.career.leversim.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import place.career.leversim.state.Archived;
import place.career.leversim.state.OpportunitySnapshot;

/**
 * {@code data} objects of Lever's webhook events. Every event carries {@code opportunityId}, its
 * deprecated alias {@code candidateId} and {@code contactId}. Lever documents only the stage
 * change fields in full. The other events carry the fields that live consumers read.
 */
public final class WebhookPayloads {

    public static final String APPLICATION_CREATED = "applicationCreated";
    public static final String CANDIDATE_STAGE_CHANGE = "candidateStageChange";
    public static final String CANDIDATE_ARCHIVE_CHANGE = "candidateArchiveChange";
    public static final String CANDIDATE_HIRED = "candidateHired";
    public static final String CANDIDATE_DELETED = "candidateDeleted";

    private WebhookPayloads() {}

    public static Map<String, Object> applicationCreated(OpportunitySnapshot opportunity) {
        Map<String, Object> data = ids(opportunity);
        data.put("applicationId", opportunity.applicationId());
        return data;
    }

    public static Map<String, Object> candidateStageChange(
            OpportunitySnapshot opportunity, String fromStageId) {
        Map<String, Object> data = ids(opportunity);
        data.put("fromStageId", fromStageId);
        data.put("toStageId", opportunity.stage());
        return data;
    }

    /** {@code fromArchived} and {@code toArchived} are {archivedAt, reason} objects or null. */
    public static Map<String, Object> candidateArchiveChange(
            OpportunitySnapshot opportunity, Archived fromArchived) {
        Map<String, Object> data = ids(opportunity);
        data.put("fromArchived", archived(fromArchived));
        data.put("toArchived", archived(opportunity.archived()));
        return data;
    }

    public static Map<String, Object> candidateHired(OpportunitySnapshot opportunity) {
        return ids(opportunity);
    }

    public static Map<String, Object> candidateDeleted(OpportunitySnapshot opportunity) {
        return ids(opportunity);
    }

    /** Returns the empty {@code data} of the "Verify Connection" test request. */
    public static Map<String, Object> verifyConnection() {
        return new LinkedHashMap<>();
    }

    private static Map<String, Object> ids(OpportunitySnapshot opportunity) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("opportunityId", opportunity.id());
        data.put("candidateId", opportunity.id());
        data.put("contactId", opportunity.contactId());
        return data;
    }

    private static Map<String, Object> archived(Archived archived) {
        if (archived == null) {
            return null;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("archivedAt", archived.archivedAt());
        value.put("reason", archived.reason());
        return value;
    }
}
