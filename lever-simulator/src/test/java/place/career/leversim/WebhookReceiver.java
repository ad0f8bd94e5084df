package place.career.leversim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Webhook endpoint for tests on 127.0.0.1 that stores deliveries and returns chosen statuses. */
public final class WebhookReceiver implements AutoCloseable {

    /** One received delivery. */
    public record Delivery(String userAgent, String contentType, JsonNode body) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Returns the URL of the endpoint path {@code /hooks/lever}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/lever";
    }

    /** Responds to the next deliveries with these statuses, then with 200 again. */
    public synchronized void respondWith(Integer... nextStatuses) {
        statuses.addAll(List.of(nextStatuses));
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("User-Agent"),
                exchange.getRequestHeaders().getFirst("Content-Type"), MAPPER.readTree(body)));
        int status = nextStatus();
        if (status == 302) {
            exchange.getResponseHeaders().set("Location", "https://example.com/elsewhere");
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private synchronized int nextStatus() {
        Integer status = statuses.poll();
        return status == null ? 200 : status;
    }
}
