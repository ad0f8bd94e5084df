package place.career.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What the Ingresses route where, and that the webhook path never redirects. */
class IngressRoutingTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    static final String WEBHOOK_PATH = "/api/integrations/lever/webhooks";

    static final String DEV_SEED_PATH = "/api/setup/dev";

    /** Routes every environment has: path prefix to Service. */
    private static final Map<String, String> ROUTES = Map.of(
            WEBHOOK_PATH, "webhook-ingress",
            "/api/setup/lever", "lever-sync",
            "/api/integrations/lever/oauth/callback", "lever-sync",
            "/api/setup/job-links", "funnel-orchestrator",
            "/api/funnels", "funnel-orchestrator",
            "/api/unsubscribe", "notifier");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void routesEveryPublicPathToItsService(String overlay) {
        Map<String, String> routes = routes(Manifests.overlay(overlay));

        ROUTES.forEach((path, service) -> assertEquals(service, routes.get(path), overlay + " " + path));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void backendsNameRenderedServicePorts(String overlay) {
        List<JsonNode> objects = Manifests.overlay(overlay);

        for (JsonNode backend : backends(objects)) {
            JsonNode service = Manifests.get(objects, "Service", backend.at("/service/name").asText());
            String port = backend.at("/service/port/name").asText();
            assertTrue(service.at("/spec/ports").findValuesAsText("name").contains(port),
                    "Service " + Manifests.name(service) + " has no port " + port);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void webhookIngressNeverRedirects(String overlay) {
        JsonNode ingress = ingressServing(Manifests.overlay(overlay), WEBHOOK_PATH);
        JsonNode annotations = ingress.at("/metadata/annotations");

        assertEquals("false", annotations.path("nginx.ingress.kubernetes.io/ssl-redirect").asText(),
                "ingress-nginx redirects HTTP to HTTPS on a TLS Ingress unless ssl-redirect is \"false\"");
        annotations.fields().forEachRemaining(annotation -> {
            String key = annotation.getKey();
            boolean redirects = (key.contains("redirect") || key.endsWith("/app-root"))
                    && !annotation.getValue().asText().equals("false");
            assertFalse(redirects, overlay + ": annotation " + key + " makes the webhook path redirect");
        });
        assertEquals(List.of(WEBHOOK_PATH), paths(ingress), "the webhook Ingress serves other paths too");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void metricsAndHealthStayInternal(String overlay) {
        for (String path : routes(Manifests.overlay(overlay)).keySet()) {
            assertFalse(path.equals("/") || path.startsWith("/q"), overlay + " exposes " + path);
        }
    }

    @Test
    void devSeedEndpointIsRoutedOnlyLocally() {
        assertEquals("lever-sync", routes(Manifests.overlay("local")).get(DEV_SEED_PATH));
        assertFalse(routes(Manifests.overlay("sandbox")).containsKey(DEV_SEED_PATH));
        assertFalse(routes(Manifests.overlay("production")).containsKey(DEV_SEED_PATH));
    }

    @Test
    void productionAndSandboxTerminateTlsWithPublicCertificate() {
        for (String overlay : List.of("production", "sandbox")) {
            for (JsonNode ingress : Manifests.ofKind(Manifests.overlay(overlay), "Ingress")) {
                String name = overlay + " " + Manifests.name(ingress);
                String host = ingress.at("/spec/rules/0/host").asText();
                assertEquals(host, ingress.at("/spec/tls/0/hosts/0").asText(), name);
                assertFalse(ingress.at("/spec/tls/0/secretName").asText().isEmpty(), name);
                assertFalse(ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText().isEmpty(),
                        name + " names no certificate issuer");
            }
        }
    }

    private static Map<String, String> routes(List<JsonNode> objects) {
        Map<String, String> routes = new LinkedHashMap<>();
        for (JsonNode ingress : Manifests.ofKind(objects, "Ingress")) {
            for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
                String previous = routes.put(path.path("path").asText(), path.at("/backend/service/name").asText());
                assertEquals(null, previous, "path " + path.path("path").asText() + " is routed twice");
            }
        }
        return routes;
    }

    private static List<JsonNode> backends(List<JsonNode> objects) {
        return Manifests.ofKind(objects, "Ingress").stream()
                .flatMap(ingress -> ingress.findValues("backend").stream())
                .toList();
    }

    private static JsonNode ingressServing(List<JsonNode> objects, String path) {
        return Manifests.ofKind(objects, "Ingress").stream()
                .filter(ingress -> paths(ingress).contains(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Ingress serves " + path));
    }

    private static List<String> paths(JsonNode ingress) {
        return ingress.at("/spec/rules").findValuesAsText("path");
    }
}
