package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The Secrets documented in deploy/secrets/secrets.template.yaml and the keys each one has. */
final class SecretTemplates {

    private SecretTemplates() {}

    /** Returns the key names per Secret name. */
    static Map<String, Set<String>> keysBySecret() {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (JsonNode secret : YamlDocuments.read(RepositoryLayout.secretTemplates())) {
            if (!"Secret".equals(secret.path("kind").asText())) {
                throw new IllegalStateException("secrets.template.yaml holds a "
                        + secret.path("kind").asText() + "; it may hold Secrets only");
            }
            Set<String> keys = new LinkedHashSet<>();
            secret.path("stringData").fieldNames().forEachRemaining(keys::add);
            secret.path("data").fieldNames().forEachRemaining(keys::add);
            secrets.put(Manifests.name(secret), keys);
        }
        return secrets;
    }

    /** Returns the placeholder values per Secret name and key. */
    static Map<String, Map<String, String>> valuesBySecret() {
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (JsonNode secret : YamlDocuments.read(RepositoryLayout.secretTemplates())) {
            Map<String, String> values = new LinkedHashMap<>();
            secret.path("stringData").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
            secrets.put(Manifests.name(secret), values);
        }
        return secrets;
    }
}
