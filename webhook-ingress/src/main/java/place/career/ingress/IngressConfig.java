package place.career.ingress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import place.career.events.Topics;

import java.time.Duration;

/** Settings of the webhook ingress, under the prefix {@code cpl.ingress}. */
@ConfigMapping(prefix = "cpl.ingress")
public interface IngressConfig {

    /**
     * Largest request body accepted on the webhook path, in bytes. Lever's envelopes carry ids
     * only, so they should stay far below this (an estimate from the documented fields). Default
     * 65536.
     */
    @WithDefault("65536")
    int maxBodyBytes();

    /**
     * Oldest {@code triggeredAt} accepted, measured back from now. Lever's delivery history offers
     * a manual Rerun for deliveries of the last two weeks, and Lever does not document whether a
     * rerun keeps the original {@code triggeredAt}. The default of 15 days therefore accepts every
     * rerun Lever offers, with a day to spare. Accepted delivery keys are kept at least this long,
     * so a replay inside the window is caught as a duplicate and one outside it as stale. Default
     * P15D.
     */
    @WithDefault("P15D")
    Duration maxDeliveryAge();

    /**
     * How far {@code triggeredAt} may lie in the future, to absorb clock differences between Lever
     * and us. Default PT5M.
     */
    @WithDefault("PT5M")
    Duration maxClockSkew();

    /** Value of the {@code Retry-After} header on 503 responses. Default PT30S. */
    @WithDefault("PT30S")
    Duration retryAfter();

    /** Kafka topics and producer deadlines. */
    Kafka kafka();

    /** Retention of accepted delivery keys. */
    Dedupe dedupe();

    /** Kafka settings of the ingress. */
    interface Kafka {

        /** Topic that receives verified deliveries. Default {@value Topics#LEVER_WEBHOOKS}. */
        @WithDefault(Topics.LEVER_WEBHOOKS)
        String webhooksTopic();

        /**
         * Compacted topic with the state of every installation. Default {@value
         * Topics#LEVER_INSTALLATIONS}.
         */
        @WithDefault(Topics.LEVER_INSTALLATIONS)
        String installationsTopic();

        /**
         * Deadline for the broker to acknowledge a delivery, including the wait for metadata when
         * the broker is unreachable. The producer's {@code delivery.timeout.ms} and {@code
         * max.block.ms} are set from it, and Lever gets a 503 when it passes. Default PT5S.
         */
        @WithDefault("PT5S")
        Duration produceTimeout();

        /**
         * The producer's {@code linger.ms}: how long a record waits to share a batch. Default 1.
         */
        @WithDefault("1")
        int lingerMs();

        /**
         * How often the reader of the installation topic looks for new partitions, and for the
         * topic itself when it did not exist at start-up. Default PT30S.
         */
        @WithDefault("PT30S")
        Duration partitionRefreshInterval();
    }

    /** Retention of accepted delivery keys. */
    interface Dedupe {

        /** How often keys that can no longer match a fresh delivery are deleted. Default PT1H. */
        @WithDefault("PT1H")
        Duration purgeInterval();

        /**
         * Maximum number of deliveries stored and published in one transaction. Under load,
         * deliveries that wait for a free transaction are grouped up to this size. Default 64.
         */
        @WithDefault("64")
        int maxGroupSize();

        /**
         * Maximum number of such transactions at once. Each holds a pooled database connection
         * until the broker acknowledged its records, so this must stay below the reactive pool's
         * {@code max-size}. Default 8.
         */
        @WithDefault("8")
        int maxConcurrentGroups();

        /**
         * Maximum time a delivery waits to be stored and published before the response is 503
         * and Retry-After, for example while the database does not respond. It must exceed {@code
         * cpl.ingress.kafka.produce-timeout}, so that a slow broker is reported as such. Work
         * already started still finishes or rolls back: a retry then finds the delivery key, or
         * publishes it. Default PT10S.
         */
        @WithDefault("PT10S")
        Duration timeout();

        /**
         * Maximum number of keys deleted per statement, to keep each transaction short. Default
         * 5000.
         */
        @WithDefault("5000")
        int purgeBatchSize();
    }
}
