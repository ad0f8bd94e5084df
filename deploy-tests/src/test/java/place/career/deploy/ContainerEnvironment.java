package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment variables a container gets, resolved from the rendered ConfigMaps and the
 * documented Secrets. A variable from a Secret has the value {@code <secret:name/key>}.
 */
final class ContainerEnvironment {

    private ContainerEnvironment() {}

    /** Resolves the environment of the Deployment's first container in a rendered overlay. */
    static Map<String, String> of(List<JsonNode> objects, String deployment) {
        JsonNode container = Manifests.get(objects, "Deployment", deployment)
                .path("spec").path("template").path("spec").path("containers").path(0);
        Map<String, Set<String>> secrets = SecretTemplates.keysBySecret();
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                JsonNode configMap = Manifests.get(objects, "ConfigMap", source.path("configMapRef").path("name").asText());
                configMap.path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            } else if (source.has("secretRef")) {
                String secret = source.path("secretRef").path("name").asText();
                for (String key : secrets.getOrDefault(secret, Set.of())) {
                    env.put(key, "<secret:" + secret + "/" + key + ">");
                }
            }
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode secretRef = variable.path("valueFrom").path("secretKeyRef");
            String value = secretRef.isMissingNode()
                    ? variable.path("value").asText()
                    : "<secret:" + secretRef.path("name").asText() + "/" + secretRef.path("key").asText() + ">";
            env.put(variable.path("name").asText(), value);
        }
        return env;
    }
}
