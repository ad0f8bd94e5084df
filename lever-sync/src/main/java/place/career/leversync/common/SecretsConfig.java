package place.career.leversync.common;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/** Keys that seal secrets at rest and on topics, shared with webhook-ingress. */
@ConfigMapping(prefix = "cpl.secrets")
public interface SecretsConfig {

    /** Id of the key that seals new values. */
    String activeKeyId();

    /** Key id to base64-encoded 32-byte AES key; every listed key can open values. */
    Map<String, String> keys();
}
