package place.career.leversync.setup;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import place.career.leversync.audit.AuditEntry;
import place.career.leversync.audit.AuditLog;
import place.career.leversync.common.ProblemException;
import place.career.leversync.lever.LeverPosting;
import place.career.leversync.lever.LeverStage;

/** The read-only requests of the setup API, each scoped to the caller's organisation. */
@ApplicationScoped
public class SetupQueries {

    /** Posting states Lever's {@code GET /postings} accepts as a filter. */
    static final Set<String> POSTING_STATES = Set.of("published", "internal", "closed", "draft", "pending",
            "rejected");

    /** Maximum length of a posting id sent to Lever, the same bound as for stage ids. */
    static final int MAX_POSTING_ID_LENGTH = 200;

    private final InstallationLookup lookup;
    private final SetupRepository repository;
    private final LeverCatalog catalog;
    private final AuditLog auditLog;

    SetupQueries(InstallationLookup lookup, SetupRepository repository, LeverCatalog catalog, AuditLog auditLog) {
        this.lookup = lookup;
        this.repository = repository;
        this.catalog = catalog;
        this.auditLog = auditLog;
    }

    /** Returns the connection status; DISCONNECTED without an installation id if Lever was never connected. */
    public Uni<ConnectionStatus> status(Caller caller) {
        return lookup.currentOrNull(caller).chain(installation -> {
            if (installation == null) {
                return Uni.createFrom().item(ConnectionStatus.neverConnected());
            }
            return repository.details(installation.id())
                    .map(details -> ConnectionStatus.of(installation, details));
        });
    }

    /** Returns the stages of the connected Lever account. */
    public Uni<List<LeverStage>> stages(Caller caller) {
        return lookup.connected(caller).chain(catalog::stages);
    }

    /** Returns the postings of the connected Lever account; {@code state} filters when not null. */
    public Uni<List<LeverPosting>> postings(Caller caller, String state) {
        if (state != null && !POSTING_STATES.contains(state)) {
            throw ProblemException.badRequest("state '" + state + "' is not a Lever posting state; use one of "
                    + String.join(", ", POSTING_STATES.stream().sorted().toList()));
        }
        return lookup.connected(caller).chain(installation -> catalog.postings(installation, state));
    }

    /**
     * Returns one posting of the connected Lever account.
     *
     * @throws ProblemException 400 when {@code postingId} is missing or longer than
     *     {@value #MAX_POSTING_ID_LENGTH} characters, and through the returned {@link Uni} 404
     *     {@code posting-not-found} when Lever has no such posting
     */
    public Uni<LeverPosting> posting(Caller caller, String postingId) {
        if (postingId == null || postingId.isBlank() || postingId.length() > MAX_POSTING_ID_LENGTH) {
            throw ProblemException.badRequest("The posting id is missing or longer than " + MAX_POSTING_ID_LENGTH
                    + " characters; use an id from GET /api/setup/lever/postings");
        }
        return lookup.connected(caller).chain(installation -> catalog.posting(installation, postingId));
    }

    /** Returns the organisation's audit entries, newest first. */
    public Uni<List<AuditEntry>> auditLog(Caller caller, int limit) {
        return auditLog.list(caller.organizationId(), limit);
    }
}
