package place.career.leversim.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One Lever account (tenant) with its users, stages, postings, archive reasons and opportunities.
 * Every method locks the account, so changes to one account are applied one at a time.
 */
public final class Account {

    private final String id;
    private final SimClock clock;
    private final OpportunityListener listener;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Stage> stages = new LinkedHashMap<>();
    private final Map<String, Posting> postings = new LinkedHashMap<>();
    private final Map<String, ArchiveReason> archiveReasons = new LinkedHashMap<>();
    private final Map<String, OpportunityData> opportunities = new LinkedHashMap<>();

    Account(String id, SimClock clock, OpportunityListener listener) {
        this.id = id;
        this.clock = clock;
        this.listener = listener;
    }

    public String id() {
        return id;
    }

    /** Adds a user, or replaces the user with the same id. */
    public synchronized User addUser(String userId, String name, String email, String role) {
        User user = new User(userId, name, email, role, clock.millis());
        users.put(userId, user);
        return user;
    }

    public synchronized Optional<User> user(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    public synchronized List<User> users() {
        return List.copyOf(users.values());
    }

    /** Appends a stage to the pipeline, or renames the stage with the same id in place. */
    public synchronized Stage addStage(String stageId, String text) {
        Stage stage = new Stage(stageId, text);
        stages.put(stageId, stage);
        return stage;
    }

    public synchronized Optional<Stage> stage(String stageId) {
        return Optional.ofNullable(stages.get(stageId));
    }

    public synchronized List<Stage> stages() {
        return List.copyOf(stages.values());
    }

    /** Adds or replaces a posting whose {@code state} must be one of {@link Posting#STATES}. */
    public synchronized Posting addPosting(String postingId, String text, String state) {
        if (!Posting.STATES.contains(state)) {
            throw new InvalidRequestException(
                    "Invalid posting state " + state + ", expected one of " + Posting.STATES);
        }
        long now = clock.millis();
        Posting posting = new Posting(postingId, text, state, false, now, now);
        postings.put(postingId, posting);
        return posting;
    }

    public synchronized void setPostingConfidential(String postingId, boolean confidential) {
        Posting posting = posting(postingId)
                .orElseThrow(() -> new ResourceNotFoundException("posting", postingId));
        postings.put(postingId, posting.withConfidential(confidential, clock.millis()));
    }

    public synchronized Optional<Posting> posting(String postingId) {
        return Optional.ofNullable(postings.get(postingId));
    }

    public synchronized List<Posting> postings() {
        return List.copyOf(postings.values());
    }

    public synchronized ArchiveReason addArchiveReason(String reasonId, String text, String type) {
        ArchiveReason reason = new ArchiveReason(reasonId, text, type);
        archiveReasons.put(reasonId, reason);
        return reason;
    }

    public synchronized Optional<ArchiveReason> archiveReason(String reasonId) {
        return Optional.ofNullable(archiveReasons.get(reasonId));
    }

    public synchronized List<ArchiveReason> archiveReasons() {
        return List.copyOf(archiveReasons.values());
    }

    /**
     * Creates an opportunity with one application to {@code postingId} (null for none) and fires
     * {@code applicationCreated}. New opportunities start in the stage "applicant-new" when the
     * account has it, otherwise in the first stage, or in no stage when the account has none.
     */
    public synchronized OpportunitySnapshot addOpportunity(
            String opportunityId, String name, String email, String postingId) {
        if (opportunities.containsKey(opportunityId)) {
            throw new InvalidRequestException("Opportunity " + opportunityId + " already exists");
        }
        if (postingId != null && !postings.containsKey(postingId)) {
            throw new InvalidRequestException("Unknown posting " + postingId);
        }
        long now = clock.millis();
        OpportunityData data = new OpportunityData(opportunityId, name, email, now);
        String applicationId = UUID.randomUUID().toString();
        data.applications.add(new Application(applicationId, opportunityId, postingId, now));
        String firstStage = stages.containsKey("applicant-new")
                ? "applicant-new"
                : stages.keySet().stream().findFirst().orElse(null);
        if (firstStage != null) {
            data.stage = firstStage;
            data.stageChanges.add(new StageChange(firstStage, stageIndex(firstStage), now, null));
        }
        opportunities.put(opportunityId, data);

        OpportunitySnapshot snapshot = data.snapshot();
        listener.applicationCreated(id, snapshot);
        return snapshot;
    }

    public synchronized Optional<OpportunitySnapshot> findOpportunity(String opportunityId) {
        return Optional.ofNullable(opportunities.get(opportunityId))
                .map(OpportunityData::snapshot);
    }

    public synchronized OpportunitySnapshot opportunity(String opportunityId) {
        return data(opportunityId).snapshot();
    }

    /** Returns every tag set the opportunity has had after a change, oldest first. */
    public synchronized List<Set<String>> tagHistory(String opportunityId) {
        return List.copyOf(data(opportunityId).tagHistory);
    }

    public synchronized List<OpportunitySnapshot> opportunities() {
        return opportunities.values().stream().map(OpportunityData::snapshot).toList();
    }

    /** Adds the tags that are not present yet, keeping the order of first addition. */
    public synchronized OpportunitySnapshot addTags(String opportunityId, Collection<String> tags) {
        OpportunityData data = data(opportunityId);
        if (data.tags.addAll(tags)) {
            data.updatedAt = clock.millis();
            data.tagHistory.add(Set.copyOf(data.tags));
        }
        return data.snapshot();
    }

    /** Removes the tags that are present and ignores absent ones. */
    public synchronized OpportunitySnapshot removeTags(
            String opportunityId, Collection<String> tags) {
        OpportunityData data = data(opportunityId);
        if (data.tags.removeAll(tags)) {
            data.updatedAt = clock.millis();
            data.tagHistory.add(Set.copyOf(data.tags));
        }
        return data.snapshot();
    }

    /**
     * Appends a note. The value must not be blank, the score must be 1 to 4 and {@code createdAt}
     * must not lie in the future, otherwise this throws {@link InvalidRequestException}.
     */
    public synchronized Note addNote(String opportunityId, NoteInput input) {
        OpportunityData data = data(opportunityId);
        long now = clock.millis();
        if (input.value() == null || input.value().isBlank()) {
            throw new InvalidRequestException("Missing required field value");
        }
        if (input.score() != null && (input.score() < 1 || input.score() > 4)) {
            throw new InvalidRequestException("score must be between 1 and 4: " + input.score());
        }
        if (input.createdAt() != null && input.createdAt() > now) {
            throw new InvalidRequestException("createdAt must not be in the future");
        }
        long createdAt = input.createdAt() == null ? now : input.createdAt();
        Note note = new Note(UUID.randomUUID().toString(), input.value(), createdAt, input.user(),
                input.secret(), input.score(), input.notifyFollowers(), data.stage);
        data.notes.add(note);
        data.updatedAt = now;
        return note;
    }

    public synchronized List<Note> notes(String opportunityId) {
        return List.copyOf(data(opportunityId).notes);
    }

    /**
     * Moves the opportunity to {@code stageId} and records a stage change, also when it is already
     * in that stage, then fires {@code candidateStageChange}.
     */
    public synchronized OpportunitySnapshot changeStage(
            String opportunityId, String stageId, String userId) {
        OpportunityData data = data(opportunityId);
        if (stageId == null || !stages.containsKey(stageId)) {
            throw new InvalidRequestException("Unknown stage " + stageId);
        }
        long now = clock.millis();
        String from = data.stage;
        data.stage = stageId;
        data.stageChanges.add(new StageChange(stageId, stageIndex(stageId), now, userId));
        data.updatedAt = now;

        OpportunitySnapshot snapshot = data.snapshot();
        listener.stageChanged(id, snapshot, from);
        return snapshot;
    }

    /**
     * Archives the opportunity with {@code reasonId}, or unarchives it when the reason is null, and
     * fires {@code candidateArchiveChange}. With {@code requireKnownReason} an archive reason that
     * the account lacks is rejected.
     */
    public synchronized OpportunitySnapshot setArchived(
            String opportunityId, String reasonId, boolean requireKnownReason) {
        OpportunityData data = data(opportunityId);
        if (reasonId != null && requireKnownReason && !archiveReasons.containsKey(reasonId)) {
            throw new InvalidRequestException("Unknown archive reason " + reasonId);
        }
        long now = clock.millis();
        Archived from = data.archived;
        data.archived = reasonId == null ? null : new Archived(reasonId, now);
        data.updatedAt = now;

        OpportunitySnapshot snapshot = data.snapshot();
        listener.archiveChanged(id, snapshot, from);
        return snapshot;
    }

    /** Marks the candidate hired and archives it with {@code reasonId}, firing both events. */
    public synchronized OpportunitySnapshot hire(String opportunityId, String reasonId) {
        OpportunityData data = data(opportunityId);
        data.hired = true;
        data.updatedAt = clock.millis();
        listener.hired(id, data.snapshot());
        return setArchived(opportunityId, reasonId, false);
    }

    public synchronized void setConfidential(String opportunityId, boolean confidential) {
        data(opportunityId).confidential = confidential;
    }

    /** Deletes the opportunity, so that later reads of it return not found. */
    public synchronized OpportunitySnapshot deleteOpportunity(String opportunityId) {
        OpportunitySnapshot snapshot = data(opportunityId).snapshot();
        opportunities.remove(opportunityId);
        listener.deleted(id, snapshot);
        return snapshot;
    }

    private OpportunityData data(String opportunityId) {
        OpportunityData data = opportunities.get(opportunityId);
        if (data == null) {
            throw new ResourceNotFoundException("opportunity", opportunityId);
        }
        return data;
    }

    private int stageIndex(String stageId) {
        return new ArrayList<>(stages.keySet()).indexOf(stageId);
    }
}
