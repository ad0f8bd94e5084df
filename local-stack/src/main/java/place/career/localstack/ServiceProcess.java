package place.career.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A packaged Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as a
 * child JVM on 127.0.0.1, with its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Main class that {@code quarkus-run.jar} declares in its manifest. */
    private static final String QUARKUS_MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final ChildProcess process;

    private ServiceProcess(String name, int httpPort, ChildProcess process) {
        this.name = name;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** Starts describing a launch of the service packaged in {@code <projectRoot>/<module>}. */
    public static Builder builder(String module) {
        return new Builder(module);
    }

    /** Returns the path of a module's runner jar, which {@code mvn package} creates. */
    public static Path runnerJar(Path projectRoot, String module) {
        return projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Returns {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return process.logFile();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Returns whether {@code GET /q/health/ready} returns status 200 right now. */
    public boolean isReady() {
        return readinessStatus() == 200;
    }

    /**
     * Stops the service: SIGTERM to its PID, a wait of up to 20 s for Quarkus to shut down, then a
     * forced kill. Does nothing when it has already stopped.
     */
    public void stop() {
        process.stop(STOP_GRACE);
    }

    /**
     * Stops the services together: SIGTERM to each, then the same wait and forced kill as
     * {@link #stop()} for each. A service shuts down in several seconds while its Kafka consumers
     * leave their groups, so stopping them one after another would add those waits up.
     */
    public static void stopAll(List<ServiceProcess> services) {
        services.forEach(service -> service.process.requestStop());
        services.forEach(ServiceProcess::stop);
    }

    @Override
    public void close() {
        stop();
    }

    private int readinessStatus() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        int status = readinessStatus();
        while (status != 200) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " before it was ready; see " + logFile() + "\n" + process.logTail(40));
            }
            if (Instant.now().isAfter(deadline)) {
                String last = status < 0 ? "no HTTP answer" : "last status " + status;
                stop();
                throw new IllegalStateException(name + " was not ready within "
                        + timeout.toSeconds() + " s (" + last + " from " + baseUrl()
                        + "/q/health/ready); see " + logFile() + "\n" + process.logTail(40));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            status = readinessStatus();
        }
    }

    /** Launch settings of one service. Every setter returns this builder. */
    public static final class Builder {

        private final String module;
        private Path projectRoot;
        private int httpPort;
        private Path logFile;
        private String maxHeap = "256m";
        private Duration readyTimeout = Duration.ofSeconds(60);
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private String mainClass = QUARKUS_MAIN;

        private Builder(String module) {
            this.module = module;
        }

        /** Repository root with the module, by default {@link ProjectPaths#projectRoot}. */
        public Builder projectRoot(Path projectRoot) {
            this.projectRoot = projectRoot;
            return this;
        }

        /** HTTP port on 127.0.0.1 ({@code quarkus.http.port}). The default 0 picks a free port. */
        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        /** File for the service's output, by default {@code <module>/target/<module>.log}. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** Maximum heap size as for {@code -Xmx}, by default 256m. */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = maxHeap;
            return this;
        }

        /** Time allowed until the readiness check returns 200, by default 60 s. */
        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        /** Adds a {@code -D} system property, which Quarkus reads as configuration. */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        /** Adds several system properties, as {@link #systemProperty(String, String)} does. */
        public Builder systemProperties(Map<String, String> properties) {
            systemProperties.putAll(properties);
            return this;
        }

        /** Adds an environment variable to the inherited environment. */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** Adds a JVM option such as {@code -XX:+HeapDumpOnOutOfMemoryError}. */
        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        /** Replaces Quarkus's entry point, so tests can launch a stand-in service. */
        Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        /**
         * Starts the service and waits until {@code GET /q/health/ready} returns 200.
         *
         * @throws IllegalStateException when the runner jar is missing, or the service exits or
         *     is not ready in time. The message contains the end of its log.
         */
        public ServiceProcess start() {
            Path root = projectRoot != null ? projectRoot : ProjectPaths.projectRoot();
            Path jar = runnerJar(root, module);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing; build it with 'mvn -B -ntp -pl "
                        + module + " -am -DskipTests package' at " + root);
            }
            int port = FreePorts.orFree(httpPort);
            Path log = logFile != null
                    ? logFile
                    : root.resolve(module).resolve("target/" + module + ".log");

            ChildProcess child = ChildProcess.startJava(module, jvmArgs(port),
                    List.of(jar.toString()), mainClass, List.of(), env, log);
            ServiceProcess service = new ServiceProcess(module, port, child);
            service.awaitReady(readyTimeout);
            return service;
        }

        private List<String> jvmArgs(int port) {
            List<String> args = new ArrayList<>();
            args.add("-Xmx" + maxHeap);
            args.add("-Dquarkus.http.host=127.0.0.1");
            args.add("-Dquarkus.http.port=" + port);
            args.addAll(jvmArgs);
            systemProperties.forEach((key, value) -> args.add("-D" + key + "=" + value));
            return args;
        }
    }
}
