package place.career.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Strict offline validation of Kubernetes objects with the model classes of
 * {@code io.kubernetes:client-java-api}. Their {@code validateJsonElement} rejects fields the API
 * does not define, missing required fields and values of the wrong JSON type, at every level;
 * parsing with {@code fromJson} then rejects values that do not convert, and {@link ScalarTypes}
 * rejects quoted numbers and booleans, which Gson would convert. Custom resources get hand-written
 * checks: {@link KafkaTopicSchema} and {@link PrometheusRuleSchema}.
 */
final class KubernetesSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    /** The API versions and kinds deploy/ may use, with the model class that describes each. */
    private static final Map<String, String> MODEL_BY_TYPE = Map.ofEntries(
            Map.entry("v1/Namespace", "V1Namespace"),
            Map.entry("v1/ConfigMap", "V1ConfigMap"),
            Map.entry("v1/Secret", "V1Secret"),
            Map.entry("v1/Service", "V1Service"),
            Map.entry("v1/ServiceAccount", "V1ServiceAccount"),
            Map.entry("apps/v1/Deployment", "V1Deployment"),
            Map.entry("policy/v1/PodDisruptionBudget", "V1PodDisruptionBudget"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "V1NetworkPolicy"),
            Map.entry("networking.k8s.io/v1/Ingress", "V1Ingress"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"));

    private KubernetesSchema() {}

    /**
     * Validates one object.
     *
     * @throws IllegalArgumentException naming the object and the first violation found
     */
    static void validate(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String label = type + " " + object.path("metadata").path("name").asText("<no name>");
        if (type.equals(KafkaTopicSchema.TYPE)) {
            KafkaTopicSchema.validate(object, label);
            return;
        }
        if (type.equals(PrometheusRuleSchema.TYPE)) {
            PrometheusRuleSchema.validate(object, label);
            return;
        }
        String model = MODEL_BY_TYPE.get(type);
        if (model == null) {
            throw new IllegalArgumentException(label + ": no schema known for " + type
                    + "; use one of " + MODEL_BY_TYPE.keySet() + " or add its model class");
        }
        validateWithModel(label, MODELS + model, toJson(object));
        try {
            ScalarTypes.check(object, Class.forName(MODELS + model), "");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Model class " + model + " is missing", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
        }
    }

    private static void validateWithModel(String label, String className, String json) {
        try {
            Class<?> modelClass = Class.forName(className);
            Method validate = modelClass.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, JsonParser.parseString(json));
            Method parse = modelClass.getMethod("fromJson", String.class);
            parse.invoke(null, json);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(label + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Model class " + className + " is not usable", e);
        }
    }

    private static String toJson(JsonNode object) {
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Object cannot be written as JSON", e);
        }
    }
}
