package place.career.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Settings of the funnel orchestrator, under the prefix {@code orchestrator}. */
@ConfigMapping(prefix = "orchestrator")
public interface OrchestratorConfig {

    /** Publishing of funnel transitions from the outbox to funnel.status.v1. */
    Relay relay();

    /** Handling of consumed records whose processing fails. */
    Consumer consumer();

    /** lever-sync's setup API, which checks a posting in Lever before a job is linked to it. */
    LeverSync leverSync();

    /** Outbox relay settings. */
    interface Relay {

        /** Interval at which the relay looks for unpublished transitions that no local commit announced. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Maximum number of transitions sent in one relay transaction. */
        @WithDefault("100")
        int batchSize();
    }

    /** Calls to lever-sync. */
    interface LeverSync {

        /** Base URL of lever-sync. The default is lever-sync's port on the local machine. */
        @WithDefault("http://127.0.0.1:8083")
        URI url();

        /**
         * Maximum time for one posting check, from connecting to the last byte of the response.
         * When it runs out, the job link request gets a 503.
         */
        @WithDefault("3s")
        Duration timeout();
    }

    /** Consumer retry settings. */
    interface Consumer {

        /**
         * Retries of a record whose processing failed for a reason other than invalid content,
         * for example a database outage, before it goes to the dead-letter topic.
         */
        @WithDefault("8")
        int maxRetries();

        /** Delay before the first retry, doubled for each further retry up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Maximum delay between two retries. */
        @WithDefault("5s")
        Duration maxBackoff();
    }
}
