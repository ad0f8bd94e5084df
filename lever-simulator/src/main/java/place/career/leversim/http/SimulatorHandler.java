package place.career.leversim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import place.career.leversim.fault.AfterApplyFailure;
import place.career.leversim.fault.FaultInjector;
import place.career.leversim.fault.FaultRule;
import place.career.leversim.state.ResourceNotFoundException;
import place.career.leversim.state.SimClock;

/**
 * Entry point of every HTTP request. It applies injected delays and failures, passes the request
 * to the endpoint owning the longest matching path prefix, writes the response and logs it.
 * Faults never apply to {@code /_sim} requests, and those are not logged.
 */
public final class SimulatorHandler implements HttpHandler {

    /** Part of the simulator that serves one path prefix. */
    @FunctionalInterface
    public interface Endpoint {
        Response handle(Request request);
    }

    private static final System.Logger LOG = System.getLogger(SimulatorHandler.class.getName());

    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final FaultInjector faults;
    private final RequestLog log;
    private final SimClock clock;
    private final Function<Request, String> accountOfRequest;

    /**
     * @param accountOfRequest finds the account of a request that was failed before handling,
     *     from its bearer token, or returns null when unknown
     */
    public SimulatorHandler(FaultInjector faults, RequestLog log, SimClock clock,
            Function<Request, String> accountOfRequest) {
        this.faults = faults;
        this.log = log;
        this.clock = clock;
        this.accountOfRequest = accountOfRequest;
    }

    /** Routes requests whose path equals {@code prefix} or starts with {@code prefix + "/"}. */
    public SimulatorHandler route(String prefix, Endpoint endpoint) {
        endpoints.put(prefix, endpoint);
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant received = clock.instant();
        Request request;
        try {
            request = Request.read(exchange);
        } catch (ApiException e) {
            // The query string could not be decoded, so there is no request to route or log.
            write(exchange, e.toResponse());
            exchange.close();
            return;
        }
        String method = request.method();
        String path = request.path();
        try {
            faults.take(FaultRule.Kind.DELAY, method, path).ifPresent(rule -> sleep(rule.delay()));
            Response response = faults.take(FaultRule.Kind.FAIL_BEFORE, method, path)
                    .map(rule -> injectedFailure(rule.status(), request))
                    .orElseGet(() -> dispatch(request));

            Optional<FaultRule> afterApply = response.isSuccess()
                    ? faults.take(FaultRule.Kind.FAIL_AFTER_APPLY, method, path)
                    : Optional.empty();
            if (afterApply.isPresent()) {
                AfterApplyFailure failure = afterApply.get().afterApply();
                if (failure == AfterApplyFailure.SERVER_ERROR) {
                    response = injectedFailure(500, request).forAccount(response.accountId());
                } else {
                    // Logged before the hang, so the entry exists by the time the client times out.
                    record(received, request, 0, response.accountId());
                    if (failure == AfterApplyFailure.TIMEOUT) {
                        sleep(faults.timeoutHang());
                    }
                    exchange.close();
                    return;
                }
            }
            write(exchange, response);
            record(received, request, response.status(), response.accountId());
        } finally {
            exchange.close();
        }
    }

    private Response dispatch(Request request) {
        Endpoint endpoint = endpointFor(request.path());
        if (endpoint == null) {
            return ApiException.notFound("No route for " + request.method() + " "
                    + request.path()).toResponse();
        }
        try {
            return endpoint.handle(request);
        } catch (ApiException e) {
            return e.toResponse();
        } catch (ResourceNotFoundException e) {
            return ApiException.notFound(e.getMessage()).toResponse();
        } catch (IllegalArgumentException e) {
            return ApiException.badRequest(e.getMessage()).toResponse();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Request failed " + request.method() + " "
                    + request.path(), e);
            return Response.error(500, "InternalServerError", "Simulator error: " + e);
        }
    }

    private Endpoint endpointFor(String path) {
        Endpoint best = null;
        int bestLength = -1;
        for (Map.Entry<String, Endpoint> entry : endpoints.entrySet()) {
            String prefix = entry.getKey();
            boolean matches = path.equals(prefix) || path.startsWith(prefix + "/");
            if (matches && prefix.length() > bestLength) {
                best = entry.getValue();
                bestLength = prefix.length();
            }
        }
        return best;
    }

    private Response injectedFailure(int status, Request request) {
        return Response.error(status, ApiException.codeFor(status),
                "Failure injected by the Lever simulator")
                .forAccount(accountOfRequest.apply(request));
    }

    /** Logs a Lever request, leaving out the simulator's own {@code /_sim} calls. */
    private void record(Instant received, Request request, int status, String accountId) {
        if (request.path().startsWith("/_sim")) {
            return;
        }
        log.add(new RecordedRequest(received, request.method(), request.path(),
                request.rawQuery(), status, accountId));
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.body();
        boolean empty = body.length == 0;
        exchange.sendResponseHeaders(response.status(), empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
