package place.career.notifier.support;

import place.career.events.FunnelStatus;
import place.career.events.FunnelStatusChanged;

import java.time.Instant;
import java.util.UUID;

/** Funnel status records with unique ids, so tests that share topics and tables stay apart. */
public final class NotifierFixtures {

    public static final String INSTALLATION_ID = "inst-test";
    public static final String CANDIDATE_NAME = "Zoë 李";

    private NotifierFixtures() {}

    /** A candidate of one test: ids and a unique address. */
    public record Candidate(
            String funnelId,
            String invitationId,
            String opportunityId,
            String email,
            String installationId) {

        /** Returns the record key of every event of this candidate. */
        public String key() {
            return installationId + ":" + opportunityId;
        }
    }

    public static Candidate newCandidate() {
        return newCandidate(INSTALLATION_ID);
    }

    public static Candidate newCandidate(String installationId) {
        String id = UUID.randomUUID().toString();
        return new Candidate(
                "funnel-" + id,
                "inv-" + id,
                "opp-" + id,
                "cand-" + id + "@example.org",
                installationId);
    }

    /** Returns the INVITED transition of a candidate, invited at {@code at}. */
    public static FunnelStatusChanged invited(Candidate candidate, Instant at) {
        return new FunnelStatusChanged(
                "evt-" + candidate.funnelId() + "-1",
                candidate.funnelId(),
                1,
                candidate.installationId(),
                candidate.opportunityId(),
                candidate.invitationId(),
                "job-1",
                "Backend Engineer (Kotlin)",
                FunnelStatus.INVITED,
                null,
                at,
                CANDIDATE_NAME,
                candidate.email(),
                null,
                null);
    }

    /** Returns a later transition of a candidate. */
    public static FunnelStatusChanged transition(
            Candidate candidate, int version, FunnelStatus status, String reason, Instant at) {
        return new FunnelStatusChanged(
                "evt-" + candidate.funnelId() + "-" + version,
                candidate.funnelId(),
                version,
                candidate.installationId(),
                candidate.opportunityId(),
                candidate.invitationId(),
                "job-1",
                "Backend Engineer (Kotlin)",
                status,
                FunnelStatus.INVITED,
                at,
                null,
                null,
                null,
                reason);
    }
}
