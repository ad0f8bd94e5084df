package place.career.leversim.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Mutable opportunity inside an {@link Account}, changed only while the account is locked. */
final class OpportunityData {

    final String id;
    final String name;
    final String contactId = UUID.randomUUID().toString();
    final List<String> emails = new ArrayList<>();
    final List<StageChange> stageChanges = new ArrayList<>();
    final Set<String> tags = new LinkedHashSet<>();
    final List<Note> notes = new ArrayList<>();
    // Every tag set the opportunity has had, oldest first, so tests can check states that
    // lasted only between two API calls.
    final List<Set<String>> tagHistory = new ArrayList<>();
    final List<Application> applications = new ArrayList<>();
    final long createdAt;
    String stage;
    Archived archived;
    boolean confidential;
    boolean hired;
    long updatedAt;

    OpportunityData(String id, String name, String email, long createdAt) {
        this.id = id;
        this.name = name;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        if (email != null) {
            emails.add(email);
        }
    }

    OpportunitySnapshot snapshot() {
        return new OpportunitySnapshot(
                id,
                name,
                contactId,
                List.copyOf(emails),
                stage,
                List.copyOf(stageChanges),
                Collections.unmodifiableSet(new LinkedHashSet<>(tags)),
                List.copyOf(notes),
                archived,
                List.copyOf(applications),
                confidential,
                hired,
                createdAt,
                updatedAt);
    }
}
