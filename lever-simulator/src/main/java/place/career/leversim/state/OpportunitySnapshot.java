package place.career.leversim.state;

import java.util.List;
import java.util.Set;

/**
 * Immutable copy of an opportunity at one moment. {@code tags} keeps insertion order, {@code
 * archived} is null while the opportunity is active, {@code stage} is null when the account had
 * no stage at creation.
 */
public record OpportunitySnapshot(
        String id,
        String name,
        String contactId,
        List<String> emails,
        String stage,
        List<StageChange> stageChanges,
        Set<String> tags,
        List<Note> notes,
        Archived archived,
        List<Application> applications,
        boolean confidential,
        boolean hired,
        long createdAt,
        long updatedAt) {

    public boolean isArchived() {
        return archived != null;
    }

    /** Returns the id of the first application, the one created with the opportunity. */
    public String applicationId() {
        return applications.isEmpty() ? null : applications.get(0).id();
    }

    @Override
    public String toString() {
        return "OpportunitySnapshot[id=" + id + ", stage=" + stage + ", tags=" + tags + "]";
    }
}
