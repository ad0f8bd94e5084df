package place.career.leversim;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JDK HTTP server bound to 127.0.0.1 only, with a thread per concurrent request so that a delayed
 * or hanging request does not hold up the others.
 */
final class SimulatorServer {

    private static final int BACKLOG = 128;

    private final HttpServer server;
    private final ExecutorService executor;

    private SimulatorServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds the port (0 picks a free one) without serving requests yet. */
    static SimulatorServer bind(int port) {
        HttpServer server;
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            server = HttpServer.create(new InetSocketAddress(loopback, port), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the Lever simulator to port " + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lever-sim-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        return new SimulatorServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void start(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
    }

    /** Stops at once and interrupts the requests still running. */
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }
}
