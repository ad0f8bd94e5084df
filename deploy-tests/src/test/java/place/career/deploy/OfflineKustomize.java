package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A renderer for the subset of kustomize that deploy/ uses, for machines without kubectl:
 * {@code resources} (files and directories), {@code namespace}, {@code patches} (strategic merge
 * and JSON 6902, by file or inline, with a target of kind and name) and {@code images}. Any other
 * field of a kustomization fails loudly rather than being ignored. When kubectl is present,
 * {@code OfflineKustomizeTest} checks that both render the same objects.
 */
final class OfflineKustomize {

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "namespace", "patches", "images");

    private static final Set<String> SUPPORTED_TARGET_FIELDS = Set.of("group", "version", "kind", "name");

    /** Kinds without a namespace that deploy/ may contain. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole",
            "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass", "StorageClass");

    List<JsonNode> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No kustomization.yaml in " + dir);
        }
        JsonNode kustomization = YamlDocuments.readSingle(file);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new UnsupportedOperationException("Field '" + field + "' of " + file
                        + " is not supported by the offline renderer; install kubectl or extend it");
            }
        });

        List<JsonNode> objects = loadResources(dir, kustomization.path("resources"));
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(dir, patch, objects);
        }
        if (kustomization.hasNonNull("namespace")) {
            setNamespace(objects, kustomization.get("namespace").asText());
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(object -> ImageOverride.apply(object, image));
        }
        objects.forEach(OfflineKustomize::dropEmptyMetadataMaps);
        return objects;
    }

    private List<JsonNode> loadResources(Path dir, JsonNode resources) {
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode resource : resources) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(build(path));
            } else {
                objects.addAll(YamlDocuments.read(path));
            }
        }
        return objects;
    }

    private void applyPatch(Path dir, JsonNode patch, List<JsonNode> objects) {
        String text = patchText(dir, patch);
        JsonNode target = patch.get("target");
        if (target != null) {
            target.fieldNames().forEachRemaining(field -> {
                if (!SUPPORTED_TARGET_FIELDS.contains(field)) {
                    throw new UnsupportedOperationException(
                            "Patch target field '" + field + "' is not supported by the offline renderer");
                }
            });
        }
        List<JsonNode> documents = YamlDocuments.parse(text);
        if (documents.size() == 1 && documents.get(0).isArray()) {
            if (target == null) {
                throw new IllegalArgumentException("A JSON 6902 patch needs a target: " + text);
            }
            List<JsonNode> matches = select(objects, target);
            for (JsonNode object : matches) {
                replace(objects, object, JsonPatch.apply(object, (ArrayNode) documents.get(0)));
            }
            return;
        }
        for (JsonNode document : documents) {
            List<JsonNode> matches = target != null ? select(objects, target) : selectByIdentity(objects, document);
            for (JsonNode object : matches) {
                replace(objects, object, StrategicMergePatch.apply(object, document));
            }
        }
    }

    private static String patchText(Path dir, JsonNode patch) {
        if (patch.hasNonNull("path")) {
            try {
                return Files.readString(dir.resolve(patch.get("path").asText()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read patch " + patch.get("path").asText(), e);
            }
        }
        if (patch.hasNonNull("patch")) {
            return patch.get("patch").asText();
        }
        throw new IllegalArgumentException("A patch needs 'path' or 'patch': " + patch);
    }

    /** Selects objects like kustomize: kind, group and version exactly, name as an anchored regex. */
    private static List<JsonNode> select(List<JsonNode> objects, JsonNode target) {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode object : objects) {
            if (matchesTarget(object, target)) {
                matches.add(object);
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("Patch target matches no object: " + target);
        }
        return matches;
    }

    private static boolean matchesTarget(JsonNode object, JsonNode target) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        if (target.has("kind") && !target.get("kind").asText().equals(object.path("kind").asText())) {
            return false;
        }
        if (target.has("group") && !target.get("group").asText().equals(group)) {
            return false;
        }
        if (target.has("version") && !target.get("version").asText().equals(version)) {
            return false;
        }
        String name = object.path("metadata").path("name").asText();
        return !target.has("name") || Pattern.matches(target.get("name").asText(), name);
    }

    private static List<JsonNode> selectByIdentity(List<JsonNode> objects, JsonNode patch) {
        String kind = patch.path("kind").asText();
        String name = patch.path("metadata").path("name").asText();
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode object : objects) {
            if (object.path("kind").asText().equals(kind)
                    && object.path("metadata").path("name").asText().equals(name)) {
                matches.add(object);
            }
        }
        if (matches.size() != 1) {
            throw new IllegalArgumentException("Strategic merge patch for " + kind + "/" + name
                    + " must match one object, matched " + matches.size());
        }
        return matches;
    }

    private static void replace(List<JsonNode> objects, JsonNode old, JsonNode updated) {
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i) == old) {
                objects.set(i, updated);
                return;
            }
        }
    }

    /** Drops labels or annotations that patches left empty, as kustomize does. */
    private static void dropEmptyMetadataMaps(JsonNode object) {
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        for (String field : new String[] {"labels", "annotations"}) {
            if (metadata.path(field).isObject() && metadata.get(field).isEmpty()) {
                metadata.remove(field);
            }
        }
    }

    private static void setNamespace(List<JsonNode> objects, String namespace) {
        for (JsonNode object : objects) {
            if (!CLUSTER_SCOPED.contains(object.path("kind").asText())) {
                ((ObjectNode) object.get("metadata")).put("namespace", namespace);
            }
        }
    }
}
