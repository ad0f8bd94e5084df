package place.career.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Locates the repository root and the build outputs that the launchers run. */
public final class ProjectPaths {

    /** System property with the repository root, which the Maven build sets for tests. */
    public static final String PROJECT_ROOT_PROPERTY = "project.root";

    /** System property that overrides where the Kafka broker jars are. */
    public static final String KAFKA_LIBS_PROPERTY = "kafka.libs.dir";

    private static final String KAFKA_LIBS = "kafka-broker/target/kafka-libs";

    private ProjectPaths() {}

    /**
     * Returns the repository root: the {@code project.root} system property if set, otherwise the
     * nearest directory at or above the working directory that contains
     * {@code local-stack/pom.xml}.
     *
     * @throws IllegalStateException when neither finds the repository
     */
    public static Path projectRoot() {
        String property = System.getProperty(PROJECT_ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Optional<Path> marker = findUpwards(workingDirectory(), "local-stack/pom.xml");
        if (marker.isEmpty()) {
            throw new IllegalStateException("Cannot find the repository root above "
                    + workingDirectory() + "; set -D" + PROJECT_ROOT_PROPERTY
                    + "=<repository root>");
        }
        return marker.get().getParent().getParent();
    }

    /**
     * Returns the directory with the Kafka broker jars, looked up in this order: the
     * {@code kafka.libs.dir} system property, {@code kafka-broker/target/kafka-libs} under
     * {@code project.root}, then the same path at or above the working directory.
     *
     * @throws IllegalStateException when none of them contains the broker jar
     */
    public static Path kafkaLibsDir() {
        return kafkaLibsDir(System.getProperty(KAFKA_LIBS_PROPERTY),
                System.getProperty(PROJECT_ROOT_PROPERTY), workingDirectory());
    }

    static Path kafkaLibsDir(String override, String projectRoot, Path workingDirectory) {
        List<Path> candidates = new ArrayList<>();
        if (override != null && !override.isBlank()) {
            candidates.add(Path.of(override));
        }
        if (projectRoot != null && !projectRoot.isBlank()) {
            candidates.add(Path.of(projectRoot).resolve(KAFKA_LIBS));
        }
        findUpwards(workingDirectory, KAFKA_LIBS).ifPresent(candidates::add);

        for (Path candidate : candidates) {
            if (holdsKafkaBroker(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("Kafka broker jars not found (looked in " + candidates
                + " and above " + workingDirectory + "). Create them with "
                + "'mvn -B -ntp -pl local-stack -am install' at the repository root, "
                + "or set -D" + KAFKA_LIBS_PROPERTY + "=<directory>.");
    }

    private static boolean holdsKafkaBroker(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Optional<Path> findUpwards(Path start, String relative) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }
}
