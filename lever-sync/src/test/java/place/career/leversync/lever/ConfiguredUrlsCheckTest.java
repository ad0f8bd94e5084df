package place.career.leversync.lever;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up check of configured URLs, without starting Quarkus. */
class ConfiguredUrlsCheckTest {

    @Test
    void acceptsLeverProductionAndSandboxUrls() {
        for (String url : List.of("https://api.lever.co/v1", "https://auth.lever.co/authorize",
                "https://sandbox-lever.auth0.com/oauth/token", "https://api.sandbox.lever.co/v1/")) {
            assertEquals(Optional.empty(), ConfiguredUrlsCheck.problem("lever.api.base-url", url), url);
        }
    }

    @Test
    void acceptsPlainHttpOnLoopbackOnly() {
        for (String url : List.of("http://127.0.0.1:8090/v1", "http://localhost:8090/authorize",
                "http://[::1]:8090/oauth/token")) {
            assertEquals(Optional.empty(), ConfiguredUrlsCheck.problem("lever.oauth.token-url", url), url);
        }

        Optional<String> remote = ConfiguredUrlsCheck.problem("lever.oauth.token-url", "http://auth.lever.co/oauth/token");

        assertTrue(remote.orElseThrow().contains("must use https"), remote.get());
        assertTrue(remote.get().startsWith("lever.oauth.token-url="), remote.get());
    }

    @Test
    void rejectsMalformedRelativeAndOddUrls() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("https://api.lever.co/v1 x", "is not a valid URL");
        cases.put("api.lever.co/v1", "must be an absolute URL");
        cases.put("/v1", "must be an absolute URL");
        cases.put("https:///v1", "must be an absolute URL");
        cases.put("ftp://api.lever.co/v1", "must use https");
        cases.put("https://user:secret@api.lever.co/v1", "must not contain user info");
        cases.put("https://api.lever.co/v1#part", "must not contain user info or a fragment");
        cases.put("", "is missing");

        cases.forEach((url, expected) -> {
            Optional<String> problem = ConfiguredUrlsCheck.problem("lever.api.base-url", url);
            assertTrue(problem.isPresent(), "accepted " + url);
            assertTrue(problem.get().contains(expected), url + " gave: " + problem.get());
        });
    }

    @Test
    void listsEveryInvalidKey() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("lever.api.base-url", "https://api.lever.co/v1");
        urls.put("lever.oauth.authorize-url", "auth.lever.co/authorize");
        urls.put("lever.oauth.redirect-uri", "http://lever.career.place/callback");

        List<String> problems = ConfiguredUrlsCheck.problems(urls);

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("lever.oauth.authorize-url="));
        assertTrue(problems.get(1).startsWith("lever.oauth.redirect-uri="));
    }

    @Test
    void requiresAudienceWithTrailingSlash() {
        assertEquals(Optional.empty(), ConfiguredUrlsCheck.audienceProblem("https://api.lever.co/v1/"));

        Optional<String> problem = ConfiguredUrlsCheck.audienceProblem("https://api.lever.co/v1");

        assertTrue(problem.orElseThrow().contains("must end with '/'"), problem.get());
    }
}
