package place.career.orchestrator.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays lever-sync's {@code GET /api/setup/lever/postings/{postingId}} on 127.0.0.1, because the
 * orchestrator's tests do not run lever-sync. The posting id's prefix selects the response:
 *
 * <ul>
 *   <li>{@value #MISSING}: 404 problem {@code posting-not-found}
 *   <li>{@value #FAILING}: 500 problem {@code internal-error}
 *   <li>{@value #SLOW}: 200 after {@link #SLOW_DELAY_MILLIS}, longer than the timeout set here
 *   <li>{@value #DISCONNECTED}: 409 problem {@code installation-disconnected}
 *   <li>{@value #UNCONNECTED}: 404 problem {@code not-found}, as for an organisation without Lever
 *   <li>{@value #DROPPED}: the connection closes without a response
 *   <li>any other id: 200 with a published posting
 * </ul>
 *
 * <p>{@code GET /_fake/requests?postingId=} returns the {@code Authorization} and {@code
 * X-Request-Id} headers of the requests for a posting, one request per line, separated by a tab.
 * Tests read them over HTTP because test resources and test classes have different class loaders.
 */
public class FakeLeverSync implements QuarkusTestResourceLifecycleManager {

    public static final String MISSING = "missing-";
    public static final String FAILING = "failing-";
    public static final String SLOW = "slow-";
    public static final String DISCONNECTED = "disconnected-";
    public static final String UNCONNECTED = "unconnected-";
    public static final String DROPPED = "dropped-";

    /** Posting check timeout the orchestrator gets in tests, shorter than its default to keep tests fast. */
    public static final String TIMEOUT = "1s";

    private static final long SLOW_DELAY_MILLIS = 8_000;
    private static final Pattern POSTING_PATH = Pattern.compile("/api/setup/lever/postings/([^/]+)");
    private static final String PROBLEM_PREFIX = "https://career.place/problems/";

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    private record RecordedRequest(String postingId, String authorization, String requestId) {}

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the fake lever-sync on 127.0.0.1", e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/api/setup/lever/postings/", this::posting);
        server.createContext("/_fake/requests", this::recordedRequests);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("orchestrator.lever-sync.url", url, "orchestrator.lever-sync.timeout", TIMEOUT);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void posting(HttpExchange exchange) throws IOException {
        Matcher path = POSTING_PATH.matcher(exchange.getRequestURI().getPath());
        if (!path.matches() || !exchange.getRequestMethod().equals("GET")) {
            respond(exchange, 404, problem(404, "not-found", "No such route in the fake lever-sync"));
            return;
        }
        String postingId = path.group(1);
        requests.add(new RecordedRequest(postingId, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Request-Id")));
        if (postingId.startsWith(MISSING)) {
            respond(exchange, 404, problem(404, "posting-not-found", "Posting '" + postingId + "' does not exist"));
        } else if (postingId.startsWith(FAILING)) {
            respond(exchange, 500, problem(500, "internal-error", "The request failed on the server"));
        } else if (postingId.startsWith(DISCONNECTED)) {
            respond(exchange, 409, problem(409, "installation-disconnected",
                    "The Lever connection inst-fake is REVOKED: reconnect with POST /api/setup/lever/connect"));
        } else if (postingId.startsWith(UNCONNECTED)) {
            respond(exchange, 404, problem(404, "not-found", "Organisation org-fake has no Lever connection"));
        } else if (postingId.startsWith(DROPPED)) {
            exchange.close();
        } else {
            if (postingId.startsWith(SLOW)) {
                sleep();
            }
            respond(exchange, 200, "application/json", "{\"id\":\"" + postingId + "\",\"text\":\"Backend Engineer\","
                    + "\"state\":\"published\",\"team\":null,\"department\":null,\"location\":null,"
                    + "\"commitment\":null,\"url\":null}");
        }
    }

    private void recordedRequests(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String postingId = query == null ? "" : query.replaceFirst("^postingId=", "");
        StringBuilder lines = new StringBuilder();
        for (RecordedRequest request : requests) {
            if (request.postingId().equals(postingId)) {
                lines.append(request.authorization()).append('\t').append(request.requestId()).append('\n');
            }
        }
        respond(exchange, 200, "text/plain", lines.toString());
    }

    private static String problem(int status, String slug, String detail) {
        return "{\"type\":\"" + PROBLEM_PREFIX + slug + "\",\"title\":\"" + slug + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"requestId\":\"fake\"}";
    }

    private static void respond(HttpExchange exchange, int status, String problemJson) throws IOException {
        respond(exchange, status, "application/problem+json", problemJson);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        try {
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException clientGone) {
            // The orchestrator stopped waiting, as it should for a slow response.
        } finally {
            exchange.close();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(SLOW_DELAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
