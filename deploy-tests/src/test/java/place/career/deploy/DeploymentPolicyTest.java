package place.career.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubernetes.client.custom.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Rules every Deployment of every overlay follows. */
class DeploymentPolicyTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    /** Resident memory of a packaged service measured right after start, 280 MB. */
    private static final BigDecimal MEASURED_START_RSS = BigDecimal.valueOf(280_000_000L);

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceHasOneDeployment(String overlay) {
        List<String> deployments =
                Manifests.ofKind(Manifests.overlay(overlay), "Deployment").stream().map(Manifests::name).toList();

        assertEquals(Set.copyOf(Manifests.SERVICES), Set.copyOf(deployments), overlay);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void probesUseQuarkusHealthEndpoints(String overlay) {
        for (JsonNode container : containers(overlay)) {
            String name = container.path("name").asText();
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), name);
            assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), name);
            assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText(), name);
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                assertEquals("http", container.path(probe).at("/httpGet/port").asText(), name + " " + probe);
            }
            assertTrue(hasPortNamedHttp(container), name + " has no container port named http");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void resourcesHaveRequestsAndLimitsAboveStartRss(String overlay) {
        for (JsonNode container : containers(overlay)) {
            String name = container.path("name").asText();
            JsonNode resources = container.path("resources");
            for (String field : List.of("/requests/cpu", "/requests/memory", "/limits/cpu", "/limits/memory")) {
                assertFalse(resources.at(field).isMissingNode(), name + " has no resources" + field);
            }
            BigDecimal request = bytes(resources.at("/requests/memory"));
            BigDecimal limit = bytes(resources.at("/limits/memory"));
            assertTrue(request.compareTo(MEASURED_START_RSS) > 0, name + " requests less than its start RSS");
            assertTrue(limit.compareTo(request) >= 0, name + " limits memory below its request");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void podsRunAsNonRootWithReadOnlyRoot(String overlay) {
        for (JsonNode deployment : Manifests.ofKind(Manifests.overlay(overlay), "Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            String name = Manifests.name(deployment);
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), name + " pod runAsNonRoot");
            assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), name);
            assertTrue(pod.at("/securityContext/runAsUser").asInt() > 0, name + " runs as user 0");
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), name + " readOnlyRootFilesystem");
                assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true),
                        name + " allowPrivilegeEscalation");
                assertFalse(security.path("privileged").asBoolean(false), name + " privileged");
                assertTrue(security.at("/capabilities/drop").toString().contains("\"ALL\""),
                        name + " does not drop ALL capabilities");
                assertTrue(mountsTmp(container), name + " has no writable /tmp");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void serviceAccountsMountNoToken(String overlay) {
        List<JsonNode> objects = Manifests.overlay(overlay);

        for (JsonNode deployment : Manifests.ofKind(objects, "Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            String account = pod.path("serviceAccountName").asText();
            JsonNode serviceAccount = Manifests.get(objects, "ServiceAccount", account);
            assertEquals(Manifests.name(deployment), account, "one ServiceAccount per service");
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), account + " pod");
            assertFalse(serviceAccount.path("automountServiceAccountToken").asBoolean(true), account);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void prometheusScrapesQuarkusMetrics(String overlay) {
        for (JsonNode deployment : Manifests.ofKind(Manifests.overlay(overlay), "Deployment")) {
            JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
            JsonNode httpPort = deployment.at("/spec/template/spec/containers/0/ports/0/containerPort");
            String name = Manifests.name(deployment);
            assertEquals("true", annotations.path("prometheus.io/scrape").asText(), name);
            assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText(), name);
            assertEquals(httpPort.asText(), annotations.path("prometheus.io/port").asText(), name);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void imagesArePinnedToATag(String overlay) {
        for (JsonNode container : containers(overlay)) {
            String image = container.path("image").asText();
            String afterSlash = image.substring(image.lastIndexOf('/') + 1);
            assertTrue(afterSlash.contains(":") || image.contains("@"), image + " has no tag");
            assertFalse(image.endsWith(":latest"), image + " uses latest");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void secretReferencesNameDocumentedKeys(String overlay) {
        Map<String, Set<String>> documented = SecretTemplates.keysBySecret();

        for (JsonNode container : containers(overlay)) {
            String name = container.path("name").asText();
            for (JsonNode variable : container.path("env")) {
                JsonNode ref = variable.at("/valueFrom/secretKeyRef");
                if (ref.isMissingNode()) {
                    continue;
                }
                String secret = ref.path("name").asText();
                assertTrue(documented.containsKey(secret), name + " reads undocumented Secret " + secret);
                assertTrue(documented.get(secret).contains(ref.path("key").asText()),
                        name + " reads key " + ref.path("key").asText() + " that Secret " + secret + " lacks");
            }
            for (JsonNode source : container.path("envFrom")) {
                String secret = source.at("/secretRef/name").asText(null);
                assertTrue(secret == null || documented.containsKey(secret),
                        name + " imports undocumented Secret " + secret);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void configMapReferencesExist(String overlay) {
        List<JsonNode> objects = Manifests.overlay(overlay);

        for (JsonNode container : containers(overlay)) {
            for (JsonNode source : container.path("envFrom")) {
                String configMap = source.at("/configMapRef/name").asText(null);
                if (configMap != null) {
                    assertTrue(Manifests.find(objects, "ConfigMap", configMap).isPresent(),
                            container.path("name").asText() + " imports missing ConfigMap " + configMap);
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void servicesAndBudgetsSelectTheirPods(String overlay) {
        List<JsonNode> objects = Manifests.overlay(overlay);

        for (JsonNode deployment : Manifests.ofKind(objects, "Deployment")) {
            String name = Manifests.name(deployment);
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            JsonNode service = Manifests.get(objects, "Service", name);
            JsonNode budget = Manifests.get(objects, "PodDisruptionBudget", name);
            assertTrue(Manifests.selects(service.at("/spec/selector"), podLabels), "Service " + name);
            assertTrue(Manifests.selects(budget.at("/spec/selector/matchLabels"), podLabels), "PDB " + name);
            assertTrue(Manifests.selects(deployment.at("/spec/selector/matchLabels"), podLabels), name);
            assertEquals("http", service.at("/spec/ports/0/targetPort").asText(), "Service " + name);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void podsSpreadOverNodes(String overlay) {
        for (JsonNode deployment : Manifests.ofKind(Manifests.overlay(overlay), "Deployment")) {
            JsonNode constraints = deployment.at("/spec/template/spec/topologySpreadConstraints");
            String keys = constraints.findValuesAsText("topologyKey").toString();
            assertTrue(keys.contains("kubernetes.io/hostname"), Manifests.name(deployment) + ": " + keys);
            assertTrue(keys.contains("topology.kubernetes.io/zone"), Manifests.name(deployment) + ": " + keys);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void networkPoliciesSelectServicePods(String overlay) {
        List<JsonNode> objects = Manifests.overlay(overlay);
        List<JsonNode> podLabels = Manifests.ofKind(objects, "Deployment").stream()
                .map(deployment -> deployment.at("/spec/template/metadata/labels"))
                .toList();

        List<JsonNode> policies = Manifests.ofKind(objects, "NetworkPolicy");

        assertNotNull(Manifests.get(objects, "NetworkPolicy", "cpl-default-deny"));
        for (JsonNode policy : policies) {
            JsonNode selector = policy.at("/spec/podSelector/matchLabels");
            assertTrue(podLabels.stream().anyMatch(labels -> Manifests.selects(selector, labels)),
                    "NetworkPolicy " + Manifests.name(policy) + " selects no pod");
        }
    }

    private static List<JsonNode> containers(String overlay) {
        return Manifests.ofKind(Manifests.overlay(overlay), "Deployment").stream()
                .flatMap(deployment -> StreamSupport.stream(
                        deployment.at("/spec/template/spec/containers").spliterator(), false))
                .toList();
    }

    private static boolean hasPortNamedHttp(JsonNode container) {
        for (JsonNode port : container.path("ports")) {
            if ("http".equals(port.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mountsTmp(JsonNode container) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if ("/tmp".equals(mount.path("mountPath").asText())) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal bytes(JsonNode quantity) {
        return Quantity.fromString(quantity.asText()).getNumber();
    }
}
