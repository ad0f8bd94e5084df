package place.career.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectPathsTest {

    @AfterEach
    void clearOverride() {
        System.clearProperty(ProjectPaths.KAFKA_LIBS_PROPERTY);
    }

    @Test
    void kafkaLibsFoundAfterBuild() {
        Path libs = ProjectPaths.kafkaLibsDir();

        assertTrue(Files.isRegularFile(libs.resolve("kafka_2.13-4.1.2.jar")), libs.toString());
    }

    @Test
    void kafkaLibsPropertyWins(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("kafka_2.13-4.1.2.jar"));
        System.setProperty(ProjectPaths.KAFKA_LIBS_PROPERTY, dir.toString());

        assertEquals(dir.toAbsolutePath().normalize(), ProjectPaths.kafkaLibsDir());
    }

    @Test
    void projectRootUsedWhenNoOverride(@TempDir Path root) throws Exception {
        Path libs = Files.createDirectories(root.resolve("kafka-broker/target/kafka-libs"));
        Files.createFile(libs.resolve("kafka_2.13-4.1.2.jar"));

        Path found = ProjectPaths.kafkaLibsDir(null, root.toString(), root.resolve("elsewhere"));

        assertEquals(libs.toAbsolutePath().normalize(), found);
    }

    @Test
    void missingKafkaLibsNamesTheBuildCommand(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProjectPaths.kafkaLibsDir(dir.toString(), dir.toString(), dir));

        String command = "mvn -B -ntp -pl local-stack -am install";
        assertTrue(e.getMessage().contains(command), e.getMessage());
    }

    @Test
    void clusterIdHasKafkaFormat() {
        String id = KafkaBroker.randomClusterId();

        assertEquals(22, id.length());
        assertTrue(id.matches("[A-Za-z0-9_-]+"), id);
        assertTrue(!id.startsWith("-"), id);
    }
}
