package place.career.leversim.admin;

import java.util.List;

/**
 * Body of {@code POST /_sim/accounts}: an account and everything in it. Every list may be
 * omitted. {@code consentUserId} makes that user approve OAuth requests.
 */
public record AccountSeed(
        String accountId,
        List<UserSeed> users,
        List<StageSeed> stages,
        List<PostingSeed> postings,
        List<ArchiveReasonSeed> archiveReasons,
        List<OpportunitySeed> opportunities,
        List<WebhookSeed> webhooks,
        String consentUserId) {

    public AccountSeed {
        users = orEmpty(users);
        stages = orEmpty(stages);
        postings = orEmpty(postings);
        archiveReasons = orEmpty(archiveReasons);
        opportunities = orEmpty(opportunities);
        webhooks = orEmpty(webhooks);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** User whose {@code accessRole} defaults to "super admin". */
    public record UserSeed(String id, String name, String email, String accessRole) {}

    public record StageSeed(String id, String text) {}

    /** Posting whose {@code state} defaults to "published". */
    public record PostingSeed(String id, String text, String state, boolean confidential) {}

    public record ArchiveReasonSeed(String id, String text, String type) {}

    /** Opportunity, given a random UUID when {@code id} is missing. */
    public record OpportunitySeed(
            String id, String name, String email, String postingId, boolean confidential) {}

    /** Webhook subscription of the account. A null {@code signingToken} sends unsigned events. */
    public record WebhookSeed(String event, String url, String signingToken) {}
}
