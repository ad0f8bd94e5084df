package place.career.ingress.installation;

import io.smallrye.config.ConfigMapping;

import java.util.Map;

/**
 * Keys that open the sealed signing tokens on the installation topic, under {@code cpl.secrets}.
 * The values come from the environment (a Kubernetes Secret in production) and must match the keys
 * lever-sync seals with.
 */
@ConfigMapping(prefix = "cpl.secrets")
public interface SecretsConfig {

    /** Id of the key that seals new values, which must be one of {@link #keys()}. No default. */
    String activeKeyId();

    /**
     * Base64-encoded 32-byte AES keys by key id. Old ids stay listed until every value is
     * re-sealed.
     */
    Map<String, String> keys();
}
