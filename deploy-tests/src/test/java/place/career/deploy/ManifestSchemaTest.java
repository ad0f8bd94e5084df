package place.career.deploy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every object of every kustomization passes the strict schema check. */
class ManifestSchemaTest {

    static final List<String> KUSTOMIZATIONS = Manifests.KUSTOMIZATIONS;

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void everyObjectMatchesItsSchema(String kustomization) {
        List<JsonNode> objects = Manifests.render(kustomization);

        assertFalse(objects.isEmpty(), kustomization + " renders no object");
        for (JsonNode object : objects) {
            assertDoesNotThrow(() -> KubernetesSchema.validate(object), kustomization);
        }
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void noSecretIsRendered(String kustomization) {
        List<JsonNode> secrets = Manifests.ofKind(Manifests.render(kustomization), "Secret");

        assertTrue(secrets.isEmpty(), kustomization + " renders Secrets; secret values belong in the "
                + "cluster only: " + secrets.stream().map(Manifests::name).toList());
    }

    @ParameterizedTest
    @FieldSource("KUSTOMIZATIONS")
    void objectsAreUnique(String kustomization) {
        Set<String> seen = new HashSet<>();

        for (JsonNode object : Manifests.render(kustomization)) {
            String id = object.path("kind").asText() + "/" + object.path("metadata").path("namespace").asText()
                    + "/" + Manifests.name(object);
            assertTrue(seen.add(id), kustomization + " renders " + id + " twice");
        }
    }
}
