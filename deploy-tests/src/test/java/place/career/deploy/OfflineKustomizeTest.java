package place.career.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The offline renderer used where kubectl is missing: it must render exactly what
 * {@code kubectl kustomize} renders, and its patch rules must behave like Kubernetes'.
 */
class OfflineKustomizeTest {

    static final List<String> KUSTOMIZATIONS = Manifests.KUSTOMIZATIONS;

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void rendersSameObjectsAsKubectl(String kustomization) {
        assumeTrue(KustomizeRenderer.kubectlAvailable(), "kubectl is not on the PATH");
        var dir = RepositoryLayout.deploy().resolve(kustomization);

        Map<String, JsonNode> expected = byIdentity(KustomizeRenderer.renderWithKubectl(dir));
        Map<String, JsonNode> actual = byIdentity(new OfflineKustomize().build(dir));

        assertEquals(expected.keySet(), actual.keySet(), kustomization + ": rendered objects differ");
        for (String id : expected.keySet()) {
            assertEquals(expected.get(id), actual.get(id), kustomization + ": " + id + " differs");
        }
    }

    @Test
    void strategicMergeMergesEnvByName() {
        JsonNode container = yaml("""
                env:
                  - name: A
                    value: "1"
                  - name: B
                    value: "2"
                args: [x, y]
                """);
        JsonNode patch = yaml("""
                env:
                  - name: A
                    value: "3"
                  - name: B
                    $patch: delete
                  - name: C
                    value: "4"
                args: [z]
                """);

        JsonNode merged = StrategicMergePatch.apply(container, patch);

        assertEquals(yaml("""
                env:
                  - name: A
                    value: "3"
                  - name: C
                    value: "4"
                args: [z]
                """), merged);
    }

    @Test
    void strategicMergeRemovesKeySetToNull() {
        JsonNode merged = StrategicMergePatch.apply(yaml("a: 1\nb: 2\n"), yaml("b: null\n"));

        assertEquals(yaml("a: 1\n"), merged);
    }

    @Test
    void jsonPatchUnescapesPointerAndAppends() {
        JsonNode document = yaml("""
                metadata:
                  annotations:
                    example.com/a: "x"
                list: [1]
                """);
        ArrayNode operations = (ArrayNode) yaml("""
                - op: remove
                  path: /metadata/annotations/example.com~1a
                - op: add
                  path: /list/-
                  value: 2
                """);

        JsonNode patched = JsonPatch.apply(document, operations);

        assertFalse(patched.path("metadata").path("annotations").has("example.com/a"));
        assertEquals(yaml("[1, 2]"), patched.get("list"));
    }

    @Test
    void jsonPatchRejectsMissingPath() {
        ArrayNode operations = (ArrayNode) yaml("- op: remove\n  path: /missing\n");

        assertThrows(IllegalArgumentException.class, () -> JsonPatch.apply(yaml("a: 1\n"), operations));
    }

    private static Map<String, JsonNode> byIdentity(List<JsonNode> objects) {
        Map<String, JsonNode> result = new TreeMap<>();
        for (JsonNode object : objects) {
            result.put(object.path("kind").asText() + "/" + object.path("metadata").path("namespace").asText()
                    + "/" + Manifests.name(object), object);
        }
        return result;
    }

    private static JsonNode yaml(String text) {
        return YamlDocuments.parse(text).get(0);
    }
}
