package place.career.leversync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of lever-sync under the {@code leversync} prefix. */
@ConfigMapping(prefix = "leversync")
public interface LeverSyncConfig {

    /** Setup endpoints. */
    Setup setup();

    /** The OAuth connect flow. */
    Connect connect();

    /** Lever access tokens. */
    Tokens tokens();

    /** Per-installation limit on Lever Data API requests. */
    RateLimit rateLimit();

    /** Leasing, claiming and running of work items. */
    Work work();

    /** Backoff of work items whose Lever call failed temporarily. */
    Retry retry();

    /** Low-priority comparison of Lever's tags and stage with the effect ledger. */
    Reconcile reconcile();

    /** Setup endpoints. */
    interface Setup {

        /**
         * Whether {@code POST /api/setup/dev/installations} exists. Development and tests only: it
         * takes tokens in plain text from the caller.
         */
        @WithDefault("false")
        boolean devSeedEnabled();
    }

    /** The OAuth connect flow. */
    interface Connect {

        /**
         * career.place settings page that the OAuth callback redirects the admin's browser to,
         * with the outcome in the query parameter {@code result}.
         */
        String settingsUrl();

        /** How long a started connect may take until the admin returns from Lever's consent page. */
        @WithDefault("10m")
        Duration stateLifetime();
    }

    /** Lever access tokens. */
    interface Tokens {

        /**
         * Time before expiry at which an access token is refreshed before use. Lever's tokens live
         * one hour, so the default refreshes them after 55 minutes.
         */
        @WithDefault("5m")
        Duration refreshMargin();
    }

    /**
     * Per-installation token bucket. Lever documents 10 requests per second with bursts up to 20
     * per API key.
     */
    interface RateLimit {

        /** Steady rate in requests per second. */
        @WithDefault("10")
        double requestsPerSecond();

        /** Bucket capacity: the most requests sent back to back after an idle period. */
        @WithDefault("20")
        int burst();

        /**
         * Tokens kept out of the burst. Lever counts requests when they arrive, so network jitter
         * can bunch requests that left evenly spaced. A small reserve absorbs that.
         */
        @WithDefault("2")
        int headroom();
    }

    /** Leasing, claiming and running of work items. */
    interface Work {

        /** Interval between polls for due work and lease renewals. */
        @WithDefault("200ms")
        Duration pollInterval();

        /** Interval between lease renewals. */
        @WithDefault("2s")
        Duration leaseRenewInterval();

        /**
         * Lease lifetime. A replica that stops renewing loses its installations after this long,
         * and stops calling Lever {@code lease-safety-margin} earlier.
         */
        @WithDefault("30s")
        Duration leaseDuration();

        /** Time before lease expiry after which the holder starts no new call; above the read timeout. */
        @WithDefault("12s")
        Duration leaseSafetyMargin();

        /** Work items of one installation that run at the same time (each on its own stream). */
        @WithDefault("4")
        int maxInFlightPerInstallation();
    }

    /** Backoff of work items whose Lever call failed temporarily (429, 5xx, timeout). */
    interface Retry {

        /** Delay before the first retry; doubles with each attempt, with full jitter. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Upper bound of one backoff delay. */
        @WithDefault("60s")
        Duration maxBackoff();

        /** Attempts of one work item before it goes to the dead-letter topic. */
        @WithDefault("8")
        int maxAttempts();
    }

    /** Low-priority comparison of Lever's tags and stage with the effect ledger. */
    interface Reconcile {

        /** Whether idle installations compare active funnels with Lever. */
        @WithDefault("true")
        boolean enabled();

        /** Minimum time between two checks of the same funnel. */
        @WithDefault("6h")
        Duration interval();

        /**
         * Tokens that must stay in the bucket before a check may spend one, so that live work
         * arriving next still finds a burst.
         */
        @WithDefault("10")
        int minIdleTokens();

        /** Pause before an idle installation's database is asked again for a due funnel. */
        @WithDefault("30s")
        Duration idleQueryPause();
    }
}
