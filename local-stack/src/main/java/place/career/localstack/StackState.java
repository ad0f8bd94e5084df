package place.career.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The components of a running local stack, kept in {@code .local/stack.properties} so that
 * {@code bin/stack status} and {@code bin/stack stop} can find them from another process.
 */
final class StackState {

    /** Check that shows whether a component responds. */
    enum Probe { TCP, HTTP_READY, HTTP }

    /** One component as recorded: PID, the address it serves and how to probe it. */
    record Component(String name, long pid, String address, Probe probe, String log) {}

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final Path file;
    private final Properties properties = new Properties();
    private final List<String> order = new ArrayList<>();

    StackState(Path file) {
        this.file = file;
    }

    /** Reads a state file, or returns an empty state when there is none. */
    static StackState read(Path file) {
        StackState state = new StackState(file);
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                state.properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
            String names = state.properties.getProperty("components", "");
            for (String name : names.split(",")) {
                if (!name.isBlank()) {
                    state.order.add(name);
                }
            }
        }
        return state;
    }

    boolean exists() {
        return Files.exists(file);
    }

    String phase() {
        return properties.getProperty("phase", "unknown");
    }

    long launcherPid() {
        return Long.parseLong(properties.getProperty("launcher.pid", "-1"));
    }

    void phase(String phase) {
        properties.setProperty("phase", phase);
        properties.setProperty("launcher.pid", Long.toString(ProcessHandle.current().pid()));
        save();
    }

    void add(Component component) {
        String prefix = "component." + component.name() + ".";
        properties.setProperty(prefix + "pid", Long.toString(component.pid()));
        properties.setProperty(prefix + "address", component.address());
        properties.setProperty(prefix + "probe", component.probe().name());
        properties.setProperty(prefix + "log", component.log());
        if (!order.contains(component.name())) {
            order.add(component.name());
        }
        properties.setProperty("components", String.join(",", order));
        save();
    }

    List<Component> components() {
        List<Component> components = new ArrayList<>();
        for (String name : order) {
            String prefix = "component." + name + ".";
            components.add(new Component(name,
                    Long.parseLong(properties.getProperty(prefix + "pid", "-1")),
                    properties.getProperty(prefix + "address", ""),
                    Probe.valueOf(properties.getProperty(prefix + "probe", Probe.TCP.name())),
                    properties.getProperty(prefix + "log", "")));
        }
        return components;
    }

    /** Returns a table with one line per component: PID, address, state and log. */
    String describe() {
        return report().table();
    }

    /** Probes every component once and returns the table and the components that are not up. */
    Report report() {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-20s %-8s %-26s %-10s %s%n", "COMPONENT", "PID", "ADDRESS",
                "STATE", "LOG"));
        List<String> notUp = new ArrayList<>();
        for (Component component : components()) {
            String componentState = check(component);
            if (!componentState.equals("up")) {
                notUp.add(component.name());
            }
            table.append(String.format("%-20s %-8d %-26s %-10s %s%n", component.name(),
                    component.pid(), component.address(), componentState, component.log()));
        }
        return new Report(table.toString(), List.copyOf(notUp));
    }

    /**
     * The state of the stack's components at one moment.
     *
     * @param table one line per component: PID, address, state and log
     * @param notUp names of the components that are stopped or not ready
     */
    record Report(String table, List<String> notUp) {}

    private static String check(Component component) {
        boolean alive = ProcessHandle.of(component.pid()).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            return "stopped";
        }
        boolean responds = switch (component.probe()) {
            case TCP -> acceptsConnections(component.address());
            case HTTP_READY -> httpStatus(component.address() + "/q/health/ready") == 200;
            case HTTP -> httpStatus(component.address()) > 0;
        };
        return responds ? "up" : "not ready";
    }

    private static boolean acceptsConnections(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = hostAndPort.substring(0, colon);
        int port = Integer.parseInt(hostAndPort.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int httpStatus(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
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

    /** Writes to a temporary file and renames it, so a reader never sees half a file. */
    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                properties.store(writer, "Local stack components, written by LocalStack");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
