package place.career.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launches {@link StandInService} from a runner jar laid out like Quarkus's, whose manifest class
 * path points at the test classes.
 */
class ServiceProcessTest {

    @TempDir
    Path root;

    @BeforeEach
    void writeRunnerJar() throws Exception {
        Path jar = ServiceProcess.runnerJar(root, "stand-in");
        Files.createDirectories(jar.getParent());
        Path testClasses = Path.of(StandInService.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // The manifest is the whole content.
        }
    }

    @Test
    void startWaitsUntilReady() throws Exception {
        ServiceProcess service = builder("ready").systemProperty("greeting", "hello world").start();
        try {
            assertTrue(service.isReady());
            assertEquals("hello world", get(service.baseUrl() + "/greeting"));
        } finally {
            service.stop();
        }

        assertFalse(service.isAlive());
        assertFalse(ProcessHandle.of(service.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void exitBeforeReadyShowsLogTail() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> builder("exit").start());

        assertTrue(e.getMessage().contains("exited with status 3"), e.getMessage());
        assertTrue(e.getMessage().contains("stand-in service gives up"), e.getMessage());
    }

    @Test
    void notReadyInTimeIsStopped() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> builder("never-ready").readyTimeout(Duration.ofSeconds(3)).start());

        assertTrue(e.getMessage().contains("was not ready within 3 s"), e.getMessage());
        assertTrue(e.getMessage().contains("last status 503"), e.getMessage());
    }

    @Test
    void missingRunnerJarNamesBuildCommand() throws IOException {
        Files.delete(ServiceProcess.runnerJar(root, "stand-in"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> builder("ready").start());

        assertTrue(e.getMessage().contains("-pl stand-in -am -DskipTests package"), e.getMessage());
    }

    private ServiceProcess.Builder builder(String behaviour) {
        return ServiceProcess.builder("stand-in")
                .projectRoot(root)
                .mainClass(StandInService.class.getName())
                .maxHeap("64m")
                .systemProperty("behaviour", behaviour)
                .readyTimeout(Duration.ofSeconds(30));
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
