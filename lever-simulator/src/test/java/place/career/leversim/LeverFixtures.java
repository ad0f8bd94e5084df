package place.career.leversim;

import java.util.List;
import place.career.leversim.oauth.IssuedTokens;

/** Fake account data shared by the simulator tests. */
public final class LeverFixtures {

    public static final String ACCOUNT = "acct-acme";
    public static final String ADMIN = "user-admin";
    public static final String RECRUITER = "user-recruiter";
    public static final String POSTING = "posting-engineer";
    public static final String OPPORTUNITY = "opp-zoe";
    public static final String QUALIFIED_STAGE = "stage-qualified";
    public static final String CLIENT_ID = "careerplace-test";
    public static final String CLIENT_SECRET = "test-client-secret";
    public static final String REDIRECT_URI = "http://127.0.0.1:9999/lever/callback";

    /** Every scope the career.place integration requests. */
    public static final List<String> INTEGRATION_SCOPES = List.of("offline_access",
            "opportunities:write:admin", "notes:write:admin", "stages:read:admin",
            "postings:read:admin", "users:read:admin", "archive_reasons:read:admin");

    private LeverFixtures() {}

    /**
     * Creates an account with two users, the stages "applicant-new" and "stage-qualified", one
     * published posting, one archive reason, one opportunity and a registered OAuth client.
     */
    public static void seedAccount(LeverSimulator simulator) {
        simulator.createAccount(ACCOUNT);
        simulator.addUser(ACCOUNT, ADMIN, "Ada Admin", "ada@example.com");
        simulator.addUser(ACCOUNT, RECRUITER, "Rui Recruiter", "rui@example.com", "team member");
        simulator.addStage(ACCOUNT, "applicant-new", "New applicant");
        simulator.addStage(ACCOUNT, QUALIFIED_STAGE, "Qualified by career.place");
        simulator.addPosting(ACCOUNT, POSTING, "Backend Engineer", "published");
        simulator.addArchiveReason(ACCOUNT, "reason-withdrew", "Withdrew", "non-hired");
        simulator.addOpportunity(ACCOUNT, OPPORTUNITY, "Zoë Example", "zoe@example.com", POSTING);
        simulator.registerClient(CLIENT_ID, CLIENT_SECRET, List.of(REDIRECT_URI));
    }

    /** Issues tokens for the admin with the integration's scopes. */
    public static IssuedTokens integrationTokens(LeverSimulator simulator) {
        return simulator.issueTokens(CLIENT_ID, ACCOUNT, ADMIN, INTEGRATION_SCOPES);
    }

    /** Returns an access token for the admin with exactly {@code scopes}. */
    public static String accessToken(LeverSimulator simulator, String... scopes) {
        return simulator.issueTokens(CLIENT_ID, ACCOUNT, ADMIN, List.of(scopes)).accessToken();
    }
}
