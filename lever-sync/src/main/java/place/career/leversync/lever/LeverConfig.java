package place.career.leversync.lever;

import io.smallrye.config.ConfigMapping;

/**
 * Lever endpoints and OAuth client credentials under the {@code lever} prefix. The REST clients
 * read their URLs from {@code quarkus.rest-client.lever.url} and {@code
 * quarkus.rest-client.lever-oauth.url}, which default to these values. Production and sandbox
 * differ only in these values; {@link ConfiguredUrlsCheck} rejects a malformed URL at start-up.
 */
@ConfigMapping(prefix = "lever")
public interface LeverConfig {

    /** Data API. */
    Api api();

    /** OAuth server. */
    OAuth oauth();

    /** Data API. */
    interface Api {

        /** Base URL ending in {@code /v1}, for example {@code https://api.lever.co/v1}. */
        String baseUrl();
    }

    /** OAuth server and this integration's client credentials. */
    interface OAuth {

        /** Token endpoint, for example {@code https://auth.lever.co/oauth/token}. */
        String tokenUrl();

        /** Authorize endpoint, for example {@code https://auth.lever.co/authorize}. */
        String authorizeUrl();

        /**
         * The {@code audience} parameter of the authorize request: the Data API base URL with a
         * trailing slash, for example {@code https://api.lever.co/v1/}.
         */
        String audience();

        /**
         * This service's OAuth callback as registered with Lever, for example {@code
         * https://lever.career.place/api/integrations/lever/oauth/callback}. Lever redirects only
         * to a registered URI that matches exactly.
         */
        String redirectUri();

        /** OAuth client id issued by Lever. */
        String clientId();

        /** OAuth client secret issued by Lever; from the environment. */
        String clientSecret();
    }
}
