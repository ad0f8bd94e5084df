package place.career.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import place.career.events.SecretBox;

/**
 * The environment the manifests give each service matches what the service's
 * application.properties and config mappings read, so a renamed key fails here and not at start.
 */
class ServiceConfigurationTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    /**
     * Prefixes of environment variables that set a configuration property directly (SmallRye
     * maps {@code FOO_BAR_BAZ} to {@code foo.bar.baz}), per service: Quarkus, MicroProfile and
     * the service's own {@code @ConfigMapping} prefixes.
     */
    private static final Map<String, List<String>> PROPERTY_PREFIXES = Map.of(
            "webhook-ingress", List.of("QUARKUS_", "CPL_INGRESS_", "CPL_SECRETS_"),
            "funnel-orchestrator", List.of("QUARKUS_", "MP_JWT_", "ORCHESTRATOR_"),
            "lever-sync", List.of("QUARKUS_", "MP_JWT_", "LEVER_", "LEVERSYNC_", "CPL_SECRETS_"),
            "notifier", List.of("QUARKUS_", "NOTIFIER_"));

    /** Read by the JVM itself rather than by Quarkus. */
    private static final List<String> JVM_VARIABLES = List.of("JAVA_TOOL_OPTIONS");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyVariableWithoutDefaultIsSet(String overlay) {
        for (String service : Manifests.SERVICES) {
            Map<String, String> env = ContainerEnvironment.of(Manifests.overlay(overlay), service);
            new ServiceProperties(service).referencedVariables().forEach((variable, hasDefault) ->
                    assertTrue(hasDefault || env.containsKey(variable),
                            overlay + " " + service + " must set " + variable + ", which has no default"));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyConnectionSettingIsSet(String overlay) {
        for (String service : Manifests.SERVICES) {
            Map<String, String> env = ContainerEnvironment.of(Manifests.overlay(overlay), service);
            for (String variable : new ServiceProperties(service).referencedVariables().keySet()) {
                assertFalse(variable.startsWith("CPL_") && !env.containsKey(variable),
                        overlay + " " + service + " leaves " + variable + " at its local default");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everySetVariableIsRead(String overlay) {
        for (String service : Manifests.SERVICES) {
            Map<String, Boolean> referenced = new ServiceProperties(service).referencedVariables();
            for (String variable : ContainerEnvironment.of(Manifests.overlay(overlay), service).keySet()) {
                boolean read = referenced.containsKey(variable)
                        || JVM_VARIABLES.contains(variable)
                        || PROPERTY_PREFIXES.get(service).stream().anyMatch(variable::startsWith);
                assertTrue(read, overlay + " " + service + " sets " + variable + ", which nothing reads");
            }
        }
    }

    @Test
    void documentedKeyIdsSurviveEnvironmentMapping() {
        Map<String, String> env = new HashMap<>();
        String keyId = null;
        for (String name : SecretTemplates.keysBySecret().get("cpl-secrets-keys")) {
            if (name.startsWith("CPL_SECRETS_KEYS_")) {
                env.put(name, SecretBox.generateKey());
                keyId = name.substring("CPL_SECRETS_KEYS_".length()).toLowerCase();
            }
        }
        env.put("CPL_SECRETS_ACTIVE_KEY_ID", keyId);

        SecretsKeys keys = config(env).getConfigMapping(SecretsKeys.class);

        assertEquals(keyId, keys.activeKeyId());
        assertTrue(keys.keys().containsKey(keyId), "mapped key ids: " + keys.keys().keySet());
        SecretBox box = new SecretBox(keys.keys(), keys.activeKeyId());
        assertEquals("token", box.open(box.seal("token")));
    }

    @Test
    void documentedKeyIdIsLowerCaseAlphanumeric() {
        String active = SecretTemplates.valuesBySecret().get("cpl-secrets-keys").get("CPL_SECRETS_ACTIVE_KEY_ID");

        for (String name : SecretTemplates.keysBySecret().get("cpl-secrets-keys")) {
            assertTrue(name.equals("CPL_SECRETS_ACTIVE_KEY_ID") || name.matches("CPL_SECRETS_KEYS_[A-Z0-9]+"),
                    name + ": a key id of upper-case letters and digits maps to a lower-case id");
        }
        assertTrue(active.contains("k2027a"), "the example active id must be the lower-case form: " + active);
    }

    private static SmallRyeConfig config(Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(env, 300))
                .withMapping(SecretsKeys.class)
                .build();
    }

    /** The shape of the services' {@code cpl.secrets} mapping. */
    @ConfigMapping(prefix = "cpl.secrets")
    interface SecretsKeys {

        String activeKeyId();

        Map<String, String> keys();
    }
}
