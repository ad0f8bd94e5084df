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

    /** Returns the organisation's audit entries, newest first. */
    public Uni<List<AuditEntry>> auditLog(Caller caller, int limit) {
        return auditLog.list(caller.organizationId(), limit);
    }
}
