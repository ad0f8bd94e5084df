package place.career.leversync.common;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import place.career.events.SecretBox;

/** Beans for plain JDK and contract-module types that the services inject. */
public class Infrastructure {

    /** Wall clock in UTC; tests replace it where time matters. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Seals and opens tokens with the configured keys; fails start-up when a key is invalid. */
    @Produces
    @Singleton
    SecretBox secretBox(SecretsConfig config) {
        return new SecretBox(config.keys(), config.activeKeyId());
    }
}
