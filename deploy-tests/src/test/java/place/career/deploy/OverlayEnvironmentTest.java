package place.career.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What differs between local, sandbox and production. */
class OverlayEnvironmentTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    private static final Map<String, String> PRODUCTION_LEVER = Map.of(
            "LEVER_API_BASE_URL", "https://api.lever.co/v1",
            "LEVER_OAUTH_TOKEN_URL", "https://auth.lever.co/oauth/token",
            "LEVER_OAUTH_AUTHORIZE_URL", "https://auth.lever.co/authorize");

    private static final Map<String, String> SANDBOX_LEVER = Map.of(
            "LEVER_API_BASE_URL", "https://api.sandbox.lever.co/v1",
            "LEVER_OAUTH_TOKEN_URL", "https://sandbox-lever.auth0.com/oauth/token",
            "LEVER_OAUTH_AUTHORIZE_URL", "https://sandbox-lever.auth0.com/authorize");

    @Test
    void productionUsesLeverProductionUrls() {
        assertLeverUrls("production", PRODUCTION_LEVER);
    }

    @Test
    void sandboxAndLocalUseLeverSandboxUrls() {
        assertLeverUrls("sandbox", SANDBOX_LEVER);
        assertLeverUrls("local", SANDBOX_LEVER);
    }

    @Test
    void devSeedIsEnabledOnlyLocally() {
        for (String overlay : OVERLAYS) {
            String enabled = ContainerEnvironment.of(Manifests.overlay(overlay), "lever-sync")
                    .get("LEVERSYNC_SETUP_DEV_SEED_ENABLED");
            assertEquals(overlay.equals("local") ? "true" : "false", enabled, overlay);
        }
    }

    @Test
    void productionRunsTwoReplicasOrMore() {
        List<JsonNode> objects = Manifests.overlay("production");

        for (JsonNode deployment : Manifests.ofKind(objects, "Deployment")) {
            String name = Manifests.name(deployment);
            int replicas = deployment.at("/spec/replicas").asInt(0);
            int autoscaledMinimum = Manifests.find(objects, "HorizontalPodAutoscaler", name)
                    .map(hpa -> hpa.at("/spec/minReplicas").asInt(1))
                    .orElse(0);
            assertTrue(Math.max(replicas, autoscaledMinimum) >= 2, name + " runs fewer than 2 replicas");
        }
    }

    @Test
    void productionAutoscalesWebhookIngress() {
        List<JsonNode> objects = Manifests.overlay("production");
        JsonNode hpa = Manifests.get(objects, "HorizontalPodAutoscaler", "webhook-ingress");
        JsonNode deployment = Manifests.get(objects, "Deployment", "webhook-ingress");

        assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
        assertEquals("webhook-ingress", hpa.at("/spec/scaleTargetRef/name").asText());
        assertTrue(hpa.at("/spec/maxReplicas").asInt() > hpa.at("/spec/minReplicas").asInt());
        assertTrue(deployment.at("/spec/replicas").isMissingNode(),
                "a replica count in the Deployment would reset the HPA's count at every apply");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectLivesInTheOverlayNamespace(String overlay) {
        List<JsonNode> objects = Manifests.overlay(overlay);
        List<JsonNode> namespaces = Manifests.ofKind(objects, "Namespace");

        assertEquals(1, namespaces.size(), overlay + " must create its namespace");
        String namespace = Manifests.name(namespaces.get(0));
        assertEquals("restricted",
                namespaces.get(0).at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText());
        for (JsonNode object : objects) {
            if (!object.path("kind").asText().equals("Namespace")) {
                assertEquals(namespace, object.at("/metadata/namespace").asText(),
                        object.path("kind").asText() + " " + Manifests.name(object));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void unsubscribeLinksUseTheIngressHost(String overlay) {
        List<JsonNode> objects = Manifests.overlay(overlay);
        String host = Manifests.get(objects, "Ingress", "cpl-api").at("/spec/rules/0/host").asText();

        String publicBase = ContainerEnvironment.of(objects, "notifier").get("NOTIFIER_PUBLIC_BASE_URL");

        assertTrue(publicBase.matches("https?://" + host.replace(".", "\\.")), publicBase + " vs " + host);
        assertFalse(overlay.equals("production") && !publicBase.startsWith("https://"), publicBase);
    }

    private static void assertLeverUrls(String overlay, Map<String, String> expected) {
        Map<String, String> env = ContainerEnvironment.of(Manifests.overlay(overlay), "lever-sync");

        expected.forEach((name, url) -> assertEquals(url, env.get(name), overlay + " " + name));
    }
}
