package place.career.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization directory into its objects: with {@code kubectl kustomize} when kubectl
 * is on the PATH, otherwise with {@link OfflineKustomize}. The system property
 * {@code deploy.renderer} forces one of them ({@code kubectl} or {@code java}).
 */
final class KustomizeRenderer {

    private static final long KUBECTL_TIMEOUT_SECONDS = 60;

    private KustomizeRenderer() {}

    static List<JsonNode> render(Path kustomization) {
        String choice = System.getProperty("deploy.renderer", "");
        if (choice.equals("java") || (choice.isEmpty() && !kubectlAvailable())) {
            return new OfflineKustomize().build(kustomization);
        }
        return renderWithKubectl(kustomization);
    }

    /** Returns whether {@code kubectl} is an executable file on the PATH. */
    static boolean kubectlAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code kubectl kustomize}, which works without a cluster or a kubeconfig. */
    static List<JsonNode> renderWithKubectl(Path kustomization) {
        try {
            Path output = Files.createTempFile("kustomize-", ".yaml");
            Path errors = Files.createTempFile("kustomize-", ".err");
            try {
                Process process = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                        .redirectOutput(output.toFile())
                        .redirectError(errors.toFile())
                        .start();
                if (!process.waitFor(KUBECTL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + kustomization
                            + " timed out after " + KUBECTL_TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: "
                            + Files.readString(errors, StandardCharsets.UTF_8).strip());
                }
                return YamlDocuments.read(output);
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kubectl kustomize " + kustomization, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rendering " + kustomization, e);
        }
    }
}
