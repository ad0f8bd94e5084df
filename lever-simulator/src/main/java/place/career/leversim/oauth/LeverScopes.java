package place.career.leversim.oauth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** OAuth scope names from Lever's documentation. All but offline_access end in :admin. */
public final class LeverScopes {

    public static final String OFFLINE_ACCESS = "offline_access";
    public static final String CONFIDENTIAL_ACCESS = "confidential:access:admin";

    private static final List<String> READ_ONLY = List.of(
            "applications", "archive_reasons", "audit_events", "diversity_surveys", "eeo_responses",
            "eeo_responses_pii", "offers", "referrals", "resumes", "sources", "stages", "tags",
            "tasks");
    private static final List<String> READ_WRITE = List.of(
            "contact", "feedback", "feedback_templates", "files", "forms", "form_templates",
            "groups", "interviews", "notes", "opportunities", "panels", "permissions", "postings",
            "requisitions", "requisition_fields", "roles", "users", "webhooks");

    /** Every scope name an authorization request may contain. */
    public static final Set<String> ALL = buildAll();

    private LeverScopes() {}

    private static Set<String> buildAll() {
        List<String> names = new ArrayList<>();
        names.add(OFFLINE_ACCESS);
        names.add(CONFIDENTIAL_ACCESS);
        names.add("uploads:write:admin");
        READ_ONLY.forEach(resource -> names.add(resource + ":read:admin"));
        READ_WRITE.forEach(resource -> {
            names.add(resource + ":read:admin");
            names.add(resource + ":write:admin");
        });
        return Set.copyOf(new LinkedHashSet<>(names));
    }

    /** Splits a space-separated scope parameter and returns the names Lever does not know. */
    public static List<String> unknown(List<String> requested) {
        return requested.stream().filter(scope -> !ALL.contains(scope)).toList();
    }

    public static List<String> split(String scopeParameter) {
        if (scopeParameter == null || scopeParameter.isBlank()) {
            return List.of();
        }
        return List.of(scopeParameter.trim().split("\\s+"));
    }
}
