package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The rendered kustomizations of deploy/, rendered once per test JVM. */
final class Manifests {

    static final List<String> OVERLAYS = List.of("local", "sandbox", "production");

    static final List<String> SERVICES =
            List.of("webhook-ingress", "funnel-orchestrator", "lever-sync", "notifier");

    /** Every kustomization in deploy/, relative to deploy/. */
    static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/local", "overlays/sandbox",
            "overlays/production", "kafka-topics", "overlays/local/kafka-topics", "monitoring");

    private static final Map<String, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {}

    /** Returns the objects of a kustomization, relative to deploy/. */
    static List<JsonNode> render(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, name -> {
            Path dir = RepositoryLayout.deploy().resolve(name);
            return List.copyOf(KustomizeRenderer.render(dir));
        });
    }

    static List<JsonNode> overlay(String overlay) {
        return render("overlays/" + overlay);
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asText())).toList();
    }

    static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(object -> name.equals(object.path("metadata").path("name").asText()))
                .findFirst();
    }

    /** Returns the named object or fails the test with what is missing. */
    static JsonNode get(List<JsonNode> objects, String kind, String name) {
        return find(objects, kind, name)
                .orElseThrow(() -> new AssertionError(kind + " " + name + " is not rendered"));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** Returns whether every label of the selector is on the object's labels. */
    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels == null || matchLabels.isMissingNode() || matchLabels.isEmpty()) {
            return false;
        }
        var fields = matchLabels.fields();
        while (fields.hasNext()) {
            var label = fields.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
