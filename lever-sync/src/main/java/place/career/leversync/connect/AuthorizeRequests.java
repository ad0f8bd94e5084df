package place.career.leversync.connect;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import place.career.leversync.LeverSyncConfig;
import place.career.leversync.lever.LeverConfig;

/** Starts an OAuth connect: stores a fresh state and builds the URL of Lever's consent page. */
@ApplicationScoped
public class AuthorizeRequests {

    /**
     * The scopes lever-sync requests, the fewest that its Lever calls need. Lever does not document
     * that a write scope includes its read scope, so both are requested where both are used.
     * Each scope's reason is listed in the service README.
     */
    public static final List<String> SCOPES = List.of(
            "offline_access",
            "opportunities:read:admin",
            "opportunities:write:admin",
            "notes:read:admin",
            "notes:write:admin",
            "stages:read:admin",
            "postings:read:admin",
            "users:read:admin");

    private final ConnectStates states;
    private final LeverConfig lever;
    private final LeverSyncConfig config;
    private final Clock clock;

    AuthorizeRequests(ConnectStates states, LeverConfig lever, LeverSyncConfig config, Clock clock) {
        this.states = states;
        this.lever = lever;
        this.config = config;
        this.clock = clock;
    }

    /** Stores a state bound to the organisation and admin and returns where to send the admin's browser. */
    public Uni<AuthorizeRequest> start(String organizationId, String userId) {
        Instant expiresAt = clock.instant().plus(config.connect().stateLifetime());
        return states.create(organizationId, userId, expiresAt).map(state -> {
            Log.infof("OAuth connect started organizationId=%s userId=%s expiresAt=%s", organizationId, userId,
                    expiresAt);
            return new AuthorizeRequest(authorizeUrl(lever.oauth(), state), expiresAt);
        });
    }

    /** Builds Lever's authorize URL with the parameters Lever's OAuth documentation requires. */
    static String authorizeUrl(LeverConfig.OAuth oauth, String state) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", oauth.clientId());
        parameters.put("redirect_uri", oauth.redirectUri());
        parameters.put("response_type", "code");
        parameters.put("scope", String.join(" ", SCOPES));
        parameters.put("audience", oauth.audience());
        // Lever's sample app sends prompt=consent, so a reconnect shows the consent page again.
        parameters.put("prompt", "consent");
        parameters.put("state", state);
        String query = parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        String base = oauth.authorizeUrl();
        return base + (base.contains("?") ? "&" : "?") + query;
    }

    /** Percent-encodes a query component, with %20 rather than + for spaces. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The authorize URL for the admin's browser.
     *
     * @param expiresAt when the state, and so this URL, stops working
     */
    public record AuthorizeRequest(String authorizeUrl, Instant expiresAt) {}
}
