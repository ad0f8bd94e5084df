package place.career.leversim.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import place.career.leversim.LeverSimulator;
import place.career.leversim.http.Json;
import place.career.leversim.state.OpportunitySnapshot;

/** Applies {@link AccountSeed}s to a simulator, from {@code POST /_sim/accounts} or a file. */
public final class AccountSeeder {

    private AccountSeeder() {}

    /**
     * Seeds every account in {@code json}, a single seed object or an array of them, and returns
     * the number of accounts. Throws {@link IllegalArgumentException} on invalid JSON or data.
     */
    public static int seedAll(LeverSimulator simulator, byte[] json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Seed is not valid JSON: " + e.getMessage(), e);
        }
        List<JsonNode> seeds = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(seeds::add);
        } else {
            seeds.add(root);
        }
        for (JsonNode node : seeds) {
            seed(simulator, parse(node));
        }
        return seeds.size();
    }

    static AccountSeed parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("An account seed must be a JSON object");
        }
        try {
            return Json.MAPPER.treeToValue(node, AccountSeed.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Invalid account seed: " + e.getMessage(), e);
        }
    }

    /** Creates or extends the account and returns the opportunities it created. */
    public static List<OpportunitySnapshot> seed(LeverSimulator simulator, AccountSeed seed) {
        if (seed.accountId() == null || seed.accountId().isBlank()) {
            throw new IllegalArgumentException("Missing required field accountId");
        }
        String account = seed.accountId();
        simulator.createAccount(account);
        seed.users().forEach(user -> simulator.addUser(account, user.id(), user.name(),
                user.email(), user.accessRole() == null ? "super admin" : user.accessRole()));
        seed.stages().forEach(stage -> simulator.addStage(account, stage.id(), stage.text()));
        seed.archiveReasons().forEach(reason -> simulator.addArchiveReason(account, reason.id(),
                reason.text(), reason.type() == null ? "non-hired" : reason.type()));
        for (AccountSeed.PostingSeed posting : seed.postings()) {
            String state = posting.state() == null ? "published" : posting.state();
            simulator.addPosting(account, posting.id(), posting.text(), state);
            simulator.setPostingConfidential(account, posting.id(), posting.confidential());
        }
        seed.webhooks().forEach(webhook -> simulator.subscribeWebhook(account, webhook.event(),
                webhook.url(), webhook.signingToken()));
        if (seed.consentUserId() != null) {
            simulator.setConsent(account, seed.consentUserId());
        }
        List<OpportunitySnapshot> created = new ArrayList<>();
        for (AccountSeed.OpportunitySeed opportunity : seed.opportunities()) {
            created.add(createOpportunity(simulator, account, opportunity));
        }
        return created;
    }

    static OpportunitySnapshot createOpportunity(
            LeverSimulator simulator, String account, AccountSeed.OpportunitySeed seed) {
        String id = seed.id() == null ? UUID.randomUUID().toString() : seed.id();
        OpportunitySnapshot created = simulator.addOpportunity(account, id, seed.name(),
                seed.email(), seed.postingId());
        if (seed.confidential()) {
            simulator.setConfidential(account, id, true);
            return simulator.opportunity(account, id);
        }
        return created;
    }
}
