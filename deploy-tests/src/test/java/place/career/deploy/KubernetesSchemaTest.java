package place.career.deploy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The schema check rejects the mistakes it exists for, so a passing manifest means something. */
class KubernetesSchemaTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: sample
            spec:
              selector:
                matchLabels:
                  app: sample
              template:
                metadata:
                  labels:
                    app: sample
                spec:
                  containers:
                    - name: sample
                      image: sample:1
                      ports:
                        - containerPort: 8080
                      resources:
                        limits:
                          memory: 512Mi
            """;

    @Test
    void acceptsValidDeployment() {
        assertDoesNotThrow(() -> KubernetesSchema.validate(parse(DEPLOYMENT)));
    }

    @Test
    void rejectsUnknownNestedField() {
        String yaml = DEPLOYMENT.replace("image: sample:1\n",
                "image: sample:1\n          readinessProbes: {}\n");

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(parse(yaml)));

        assertTrue(error.getMessage().contains("readinessProbes"), error.getMessage());
    }

    @Test
    void rejectsMissingRequiredField() {
        String yaml = DEPLOYMENT.replace("- name: sample\n", "- image: sample:1\n")
                .replace("          image: sample:1\n", "");

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(parse(yaml)));

        assertTrue(error.getMessage().contains("`name`"), error.getMessage());
    }

    @Test
    void rejectsTextInIntegerField() {
        String yaml = DEPLOYMENT.replace("containerPort: 8080", "containerPort: eighty");

        assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(parse(yaml)));
    }

    @Test
    void rejectsQuotedNumber() {
        String yaml = DEPLOYMENT.replace("containerPort: 8080", "containerPort: \"8080\"");

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(parse(yaml)));

        assertTrue(error.getMessage().contains("/spec/template/spec/containers/0/ports/0/containerPort"),
                error.getMessage());
    }

    @Test
    void rejectsObjectWhereListBelongs() {
        String yaml = DEPLOYMENT.replace("- containerPort: 8080", "  containerPort: 8080");

        assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(parse(yaml)));
    }

    @Test
    void rejectsUnknownKind() {
        JsonNode object = parse("apiVersion: v1\nkind: Pod2\nmetadata:\n  name: x\n");

        assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(object));
    }

    @Test
    void rejectsKafkaTopicWithUnknownConfig() {
        JsonNode topic = parse("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: sample-v1
                  labels:
                    strimzi.io/cluster: c
                spec:
                  topicName: sample.v1
                  partitions: 1
                  replicas: 3
                  config:
                    retention.msec: 1000
                """);

        assertThrows(IllegalArgumentException.class, () -> KubernetesSchema.validate(topic));
    }

    private static JsonNode parse(String yaml) {
        return YamlDocuments.parse(yaml).get(0);
    }
}
