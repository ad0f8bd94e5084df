package place.career.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The one HTTP call between the services: funnel-orchestrator checks a posting at lever-sync
 * before it links a job. The configured URL must name lever-sync's Service, and the NetworkPolicies
 * must let the call through the default deny in both directions.
 */
class ServiceCallTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    private static final String URL_VARIABLE = "ORCHESTRATOR_LEVER_SYNC_URL";

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void orchestratorUrlNamesLeverSyncService(String overlay) {
        List<JsonNode> objects = Manifests.overlay(overlay);
        URI url = leverSyncUrl(objects, overlay);

        JsonNode service = Manifests.get(objects, "Service", serviceName(url));

        assertEquals("http", url.getScheme(), overlay + " " + url);
        assertTrue(Manifests.selects(service.at("/spec/selector"), podLabels(objects, "lever-sync")),
                overlay + ": Service " + serviceName(url) + " does not select lever-sync's pods");
        assertEquals(port(url), service.at("/spec/ports/0/port").asInt(), overlay + " " + url);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void networkPoliciesAllowOrchestratorToLeverSync(String overlay) {
        List<JsonNode> objects = Manifests.overlay(overlay);
        List<JsonNode> policies = Manifests.ofKind(objects, "NetworkPolicy");
        JsonNode orchestrator = podLabels(objects, "funnel-orchestrator");
        JsonNode leverSync = podLabels(objects, "lever-sync");
        int containerPort = httpContainerPort(objects, "lever-sync");

        assertTrue(allows(policies, orchestrator, leverSync, containerPort, "egress", "to"),
                overlay + ": no NetworkPolicy lets funnel-orchestrator send to lever-sync on " + containerPort);
        assertTrue(allows(policies, leverSync, orchestrator, containerPort, "ingress", "from"),
                overlay + ": no NetworkPolicy lets lever-sync accept funnel-orchestrator on " + containerPort);
    }

    private static URI leverSyncUrl(List<JsonNode> objects, String overlay) {
        String url = ContainerEnvironment.of(objects, "funnel-orchestrator").get(URL_VARIABLE);
        assertNotNull(url, overlay + " funnel-orchestrator must set " + URL_VARIABLE);
        return URI.create(url);
    }

    /** Returns the Service name of an in-cluster host such as {@code lever-sync} or {@code lever-sync.ns.svc}. */
    private static String serviceName(URI url) {
        return url.getHost().split("\\.")[0];
    }

    private static int port(URI url) {
        return url.getPort() == -1 ? 80 : url.getPort();
    }

    private static JsonNode podLabels(List<JsonNode> objects, String deployment) {
        return Manifests.get(objects, "Deployment", deployment).at("/spec/template/metadata/labels");
    }

    private static int httpContainerPort(List<JsonNode> objects, String deployment) {
        JsonNode containers = Manifests.get(objects, "Deployment", deployment).at("/spec/template/spec/containers");
        for (JsonNode port : containers.path(0).path("ports")) {
            if ("http".equals(port.path("name").asText())) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError(deployment + " has no container port named http");
    }

    /**
     * Returns whether a policy that selects {@code selected} has a rule of {@code direction}
     * (egress or ingress) whose peers ({@code to} or {@code from}) select {@code peer} in the same
     * namespace, on {@code port} or on every port.
     */
    private static boolean allows(List<JsonNode> policies, JsonNode selected, JsonNode peer, int port,
            String direction, String peersField) {
        for (JsonNode policy : policies) {
            if (!Manifests.selects(policy.at("/spec/podSelector/matchLabels"), selected)) {
                continue;
            }
            for (JsonNode rule : policy.at("/spec/" + direction)) {
                if (selectsPeer(rule.path(peersField), peer) && coversPort(rule.path("ports"), port)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean selectsPeer(JsonNode peers, JsonNode labels) {
        for (JsonNode peer : peers) {
            boolean sameNamespace = peer.path("namespaceSelector").isMissingNode();
            if (sameNamespace && Manifests.selects(peer.at("/podSelector/matchLabels"), labels)) {
                return true;
            }
        }
        return false;
    }

    private static boolean coversPort(JsonNode ports, int port) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode entry : ports) {
            boolean tcp = entry.path("protocol").asText("TCP").equals("TCP");
            if (tcp && entry.path("port").asInt(-1) == port) {
                return true;
            }
        }
        return false;
    }
}
