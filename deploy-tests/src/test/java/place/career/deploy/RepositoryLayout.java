package place.career.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository files that the checks read. */
final class RepositoryLayout {

    private RepositoryLayout() {}

    /**
     * Returns the repository root: the {@code project.root} system property that Surefire sets,
     * otherwise the first directory at or above the working directory that contains
     * {@code deploy/}.
     */
    static Path root() {
        String configured = System.getProperty("project.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "deploy"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "Repository root not found: set -Dproject.root or run from inside the repository");
    }

    static Path deploy() {
        return root().resolve("deploy");
    }

    static Path secretTemplates() {
        return deploy().resolve("secrets/secrets.template.yaml");
    }

    static Path asyncApi() {
        return root().resolve("docs/asyncapi.yaml");
    }

    /** Returns the main {@code application.properties} of a service module. */
    static Path applicationProperties(String service) {
        return root().resolve(service).resolve("src/main/resources/application.properties");
    }
}
