package place.career.ingress.installation;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import place.career.events.SecretBox;

/** Supplies the {@link SecretBox} that opens signing tokens sealed by lever-sync. */
public class SecretBoxProducer {

    @Produces
    @Singleton
    SecretBox secretBox(SecretsConfig config) {
        return new SecretBox(config.keys(), config.activeKeyId());
    }
}
