package place.career.leversync.setup;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import place.career.events.InstallationChanged.Status;
import place.career.events.SecretBox;
import place.career.leversync.common.ProblemException;
import place.career.leversync.installation.InstallationService;
import place.career.leversync.lever.LeverStage;

/** Changes that admins make to their organisation's connection settings. */
@ApplicationScoped
public class SettingsService {

    /** Upper bound of stored signing tokens; an admin rotating tokens needs two, the rest is slack. */
    static final int MAX_SIGNING_TOKENS = 10;
    static final int MAX_SIGNING_TOKEN_LENGTH = 512;
    /**
     * Shortest signing token accepted, because a shorter value was probably cut off while copying
     * and would make every signature check fail. NOTE: Lever does not document the token length,
     * so 16 is a guard chosen here, not Lever's format.
     */
    static final int MIN_SIGNING_TOKEN_LENGTH = 16;
    private static final int MAX_ID_LENGTH = 200;

    private final InstallationLookup lookup;
    private final SetupRepository repository;
    private final LeverCatalog catalog;
    private final InstallationService installations;
    private final SecretBox secretBox;
    private final Clock clock;

    SettingsService(InstallationLookup lookup, SetupRepository repository, LeverCatalog catalog,
            InstallationService installations, SecretBox secretBox, Clock clock) {
        this.lookup = lookup;
        this.repository = repository;
        this.catalog = catalog;
        this.installations = installations;
        this.secretBox = secretBox;
        this.clock = clock;
    }

    /**
     * Sets the Lever stage that qualified candidates move to, after checking with Lever that the
     * account has it. Setting the current stage again changes nothing and writes no audit entry.
     */
    public Uni<LeverStage> setQualifiedStage(Caller caller, String stageId) {
        if (stageId == null || stageId.isBlank()) {
            throw ProblemException.badRequest("stageId is missing or empty; send"
                    + " {\"stageId\": \"<id from GET /api/setup/lever/stages>\"}");
        }
        if (stageId.length() > MAX_ID_LENGTH) {
            throw ProblemException.badRequest("stageId has " + stageId.length() + " characters, more than the "
                    + MAX_ID_LENGTH + " allowed; send an id from GET /api/setup/lever/stages");
        }
        return lookup.connected(caller).chain(installation -> catalog.stages(installation).chain(stages -> {
            LeverStage stage = stages.stream().filter(candidate -> stageId.equals(candidate.id())).findFirst()
                    .orElseThrow(() -> ProblemException.badRequest("Stage '" + stageId + "' is not a stage of"
                            + " Lever account " + installation.leverAccountId()
                            + "; GET /api/setup/lever/stages lists them"));
            if (stageId.equals(installation.qualifiedStageId())) {
                return Uni.createFrom().item(stage);
            }
            return repository.setQualifiedStage(installation, stageId, caller.userId(), clock.instant())
                    .invoke(() -> Log.infof("Qualified stage set installationId=%s stageId=%s userId=%s",
                            installation.id(), stageId, caller.userId()))
                    .replaceWith(stage);
        }));
    }

    /**
     * Replaces the webhook signing tokens and announces them on lever.installations.v1, so that
     * webhook-ingress verifies deliveries with them. Returns the number stored.
     */
    public Uni<Integer> setSigningTokens(Caller caller, List<String> tokens) {
        validateSigningTokens(tokens);
        return lookup.current(caller).chain(installation -> {
            if (installation.status() == Status.DISCONNECTED) {
                throw InstallationLookup.notConnected(installation);
            }
            List<String> sealed = tokens.stream().map(String::trim).map(secretBox::seal).toList();
            return repository.setSigningTokens(installation, sealed, caller.userId(), clock.instant())
                    .invoke(() -> Log.infof("Webhook signing tokens stored installationId=%s count=%d userId=%s",
                            installation.id(), sealed.size(), caller.userId()))
                    .chain(() -> installations.announceChanged(installation.id()))
                    .replaceWith(sealed.size());
        });
    }

    private static void validateSigningTokens(List<String> tokens) {
        if (tokens == null || tokens.isEmpty() || tokens.size() > MAX_SIGNING_TOKENS) {
            int sent = tokens == null ? 0 : tokens.size();
            throw ProblemException.badRequest("Send 1 to " + MAX_SIGNING_TOKENS + " signing tokens as"
                    + " {\"tokens\": [\"<token from Lever's webhook settings>\"]}; the request had " + sent + ".");
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i) == null ? "" : tokens.get(i).trim();
            String problem = signingTokenProblem(token);
            if (problem != null) {
                throw ProblemException.badRequest("tokens[" + i + "] " + problem);
            }
        }
        if (new HashSet<>(tokens.stream().map(String::trim).toList()).size() != tokens.size()) {
            throw ProblemException.badRequest("tokens contains the same token twice");
        }
    }

    /** Returns what is wrong with a trimmed signing token, or null when it is acceptable. */
    private static String signingTokenProblem(String token) {
        if (token.isEmpty()) {
            return "is empty. Paste the signing token from Lever's webhook settings.";
        }
        if (!token.chars().allMatch(character -> character > ' ' && character < 127)) {
            return "contains spaces or non-ASCII characters. Paste the signing token from Lever's webhook"
                    + " settings without line breaks.";
        }
        if (token.length() < MIN_SIGNING_TOKEN_LENGTH) {
            return "has " + characters(token.length()) + " without surrounding spaces, fewer than the "
                    + MIN_SIGNING_TOKEN_LENGTH
                    + " a signing token needs. Check that the whole token was copied from Lever's webhook settings.";
        }
        if (token.length() > MAX_SIGNING_TOKEN_LENGTH) {
            return "has " + characters(token.length()) + ", more than the " + MAX_SIGNING_TOKEN_LENGTH
                    + " allowed. Check that only the signing token was copied.";
        }
        return null;
    }

    private static String characters(int count) {
        return count == 1 ? "1 character" : count + " characters";
    }
}
