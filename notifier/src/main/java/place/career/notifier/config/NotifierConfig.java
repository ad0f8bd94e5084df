package place.career.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Settings of the notifier, under the {@code notifier} prefix. */
@ConfigMapping(prefix = "notifier")
public interface NotifierConfig {

    /** Base of the candidate's personal funnel link, to which the invitation id is appended. */
    @WithDefault("https://app.career.place/funnel")
    String funnelBaseUrl();

    /** Public base URL of this service, used to build the unsubscribe link in every e-mail. */
    @WithDefault("http://127.0.0.1:8084")
    String publicBaseUrl();

    /** Id of this replica in timer claims. Defaults to a random id per start. */
    Optional<String> instanceId();

    /** Reminder schedule and opt-out deadline. */
    Schedule schedule();

    /** Durable timer polling and leases. */
    Timers timers();

    /** Outgoing mail. */
    Mail mail();

    /** Time source. */
    ClockSettings clock();

    /** Outcome outbox relay. */
    Outbox outbox();

    /**
     * When reminders go out and when the candidate counts as opted out. Offsets are exact durations
     * from the invitation instant, so a daylight-saving change never moves them.
     */
    interface Schedule {

        /** Offsets of the reminders after the invitation, in order. */
        @WithDefault("P2D,P5D,P9D,P14D")
        List<Duration> reminders();

        /** Time after the invitation at which a candidate who has not started is opted out. */
        @WithDefault("PT420H")
        Duration optOutAfter();

        /** A reminder that would go out less than this before the opt-out deadline is skipped. */
        @WithDefault("PT24H")
        Duration skipReminderWithin();

        /** Minimum time between two e-mails to one candidate. A reminder due sooner is skipped. */
        @WithDefault("PT24H")
        Duration minimumGap();
    }

    /** Polling of the timer table. Leases use the database's real time, not the injected clock. */
    interface Timers {

        /** Real time between two polls when no timer is due. */
        @WithDefault("PT0.2S")
        Duration pollInterval();

        /**
         * Maximum timers one sender claims in one transaction. Claims that wait in a batch longer
         * than the lease are reconciled and sent by another replica, never twice.
         */
        @WithDefault("5")
        int claimBatch();

        /**
         * Real time a claim stays valid. A replica that keeps a claim longer is presumed dead, and
         * another replica reconciles the claim. Must exceed the SMTP send timeout.
         */
        @WithDefault("120s")
        Duration lease();

        /**
         * Real time between two passes over due opt-outs. The Quarkus scheduler runs intervals
         * below one second only once per second.
         */
        @WithDefault("PT1S")
        Duration optOutInterval();

        /** Real time between two reconciliation passes over expired claims. */
        @WithDefault("10s")
        Duration reconcileInterval();
    }

    /**
     * Outgoing mail settings. The SMTP server itself is configured under {@code quarkus.mailer}.
     */
    interface Mail {

        /** Domain part of the deterministic Message-ID of every e-mail. */
        @WithDefault("notifier.career.place")
        String messageIdDomain();

        /** Number of e-mails this replica sends in parallel. */
        @WithDefault("4")
        int concurrentSends();

        /** Maximum e-mails per second that this replica hands to the SMTP server. */
        @WithDefault("20")
        double ratePerSecond();

        /** Maximum time one SMTP send may take before it is abandoned as uncertain. */
        @WithDefault("60s")
        Duration sendTimeout();

        /**
         * Backoff of a mail after its first transient failure, in clock time. It doubles per
         * attempt.
         */
        @WithDefault("PT1M")
        Duration initialBackoff();

        /** Upper bound of the per-mail backoff, in clock time. */
        @WithDefault("PT1H")
        Duration maxBackoff();

        /** Real time every sender waits after the SMTP server could not be reached at all. */
        @WithDefault("5s")
        Duration outagePause();
    }

    /** The clock behind every schedule decision. */
    interface ClockSettings {

        /**
         * Simulated seconds per real second. 1 is the real clock, and 3600 runs one simulated hour
         * per real second, so the 420-hour window passes in 7 minutes. For demos and the local
         * stack only. Above 1, a schedule counts from the moment the notifier stores the
         * invitation, because other services stamp their events with the real clock.
         */
        @WithDefault("1")
        double speed();

        /**
         * Real instant at which the accelerated clock equals the real one. Defaults to the start of
         * this replica. Replicas that share a database must share the anchor.
         */
        Optional<Instant> anchor();
    }

    /** Relay of outcomes that could not be published right after their transaction. */
    interface Outbox {

        /** Real time between two relay passes. */
        @WithDefault("2s")
        Duration relayInterval();
    }
}
