package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.annotations.SerializedName;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Rejects JSON strings in integer and boolean fields of a Kubernetes model. Gson converts
 * {@code "8080"} into an integer without complaint, while the API server rejects it.
 */
final class ScalarTypes {

    private ScalarTypes() {}

    /**
     * Walks the object alongside the model class.
     *
     * @throws IllegalArgumentException naming the JSON path of the first mismatch
     */
    static void check(JsonNode node, Type type, String path) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == List.class && node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), arguments[0], path + "/" + i);
                }
            } else if (raw == Map.class && node.isObject()) {
                node.fields().forEachRemaining(e -> check(e.getValue(), arguments[1], path + "/" + e.getKey()));
            }
            return;
        }
        if (!(type instanceof Class<?> modelClass)) {
            return;
        }
        if (isNumber(modelClass) && !node.isNumber() || isBoolean(modelClass) && !node.isBoolean()) {
            throw new IllegalArgumentException(path + " must be a JSON " + modelClass.getSimpleName()
                    + ", found " + node.getNodeType().name().toLowerCase() + " " + node);
        }
        if (node.isObject() && modelClass.getName().startsWith("io.kubernetes.client.openapi.models.")) {
            for (Field field : modelClass.getDeclaredFields()) {
                SerializedName name = field.getAnnotation(SerializedName.class);
                if (name != null && node.has(name.value()) && !node.get(name.value()).isNull()) {
                    check(node.get(name.value()), field.getGenericType(), path + "/" + name.value());
                }
            }
        }
    }

    private static boolean isNumber(Class<?> type) {
        return type == Integer.class || type == Long.class || type == Double.class || type == Float.class;
    }

    private static boolean isBoolean(Class<?> type) {
        return type == Boolean.class;
    }
}
