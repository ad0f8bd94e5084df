package place.career.leversync.lever;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import place.career.leversync.LeverSyncConfig;

/**
 * Fails start-up when a configured Lever endpoint, the OAuth redirect URI or the settings URL is
 * not an absolute https URL. Plain http is accepted only for 127.0.0.1, ::1 and localhost, which
 * is where the Lever simulator and the local stack run. Lever refuses plain HTTP, and a typo
 * found at start-up is cheaper than one found at the first connect.
 */
@ApplicationScoped
public class ConfiguredUrlsCheck {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final LeverConfig lever;
    private final LeverSyncConfig service;

    ConfiguredUrlsCheck(LeverConfig lever, LeverSyncConfig service) {
        this.lever = lever;
        this.service = service;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        List<String> problems = problems(configuredUrls());
        audienceProblem(lever.oauth().audience()).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid URL configuration: " + String.join("; ", problems));
        }
        Log.infof("Lever endpoints apiBaseUrl=%s authorizeUrl=%s tokenUrl=%s audience=%s redirectUri=%s",
                lever.api().baseUrl(), lever.oauth().authorizeUrl(), lever.oauth().tokenUrl(),
                lever.oauth().audience(), lever.oauth().redirectUri());
    }

    private Map<String, String> configuredUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("lever.api.base-url", lever.api().baseUrl());
        urls.put("lever.oauth.authorize-url", lever.oauth().authorizeUrl());
        urls.put("lever.oauth.token-url", lever.oauth().tokenUrl());
        urls.put("lever.oauth.audience", lever.oauth().audience());
        urls.put("lever.oauth.redirect-uri", lever.oauth().redirectUri());
        urls.put("leversync.connect.settings-url", service.connect().settingsUrl());
        return urls;
    }

    /** Returns one message per invalid URL, naming the key; empty when all are valid. */
    static List<String> problems(Map<String, String> urlsByKey) {
        List<String> problems = new ArrayList<>();
        urlsByKey.forEach((key, value) -> problem(key, value).ifPresent(problems::add));
        return problems;
    }

    /** Returns why the audience differs in form from Lever's {@code https://api.lever.co/v1/}. */
    static Optional<String> audienceProblem(String audience) {
        if (audience != null && !audience.endsWith("/")) {
            return Optional.of("lever.oauth.audience='" + audience + "' must end with '/', like"
                    + " https://api.lever.co/v1/");
        }
        return Optional.empty();
    }

    /** Returns why {@code value} is not a usable endpoint URL, or empty when it is one. */
    static Optional<String> problem(String key, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(key + " is missing");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            return Optional.of(key + "='" + value + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of(key + "='" + value + "' must be an absolute URL with a host, for example"
                    + " https://api.lever.co/v1");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of(key + "='" + value + "' must not contain user info or a fragment (#)");
        }
        boolean loopback = LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if ("https".equals(scheme) || ("http".equals(scheme) && loopback)) {
            return Optional.empty();
        }
        return Optional.of(key + "='" + value + "' must use https; plain http is allowed only for"
                + " 127.0.0.1, ::1 and localhost");
    }
}
