package place.career.leversim.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps method and path templates such as {@code /v1/opportunities/{id}/notes} to handlers.
 *
 * @param <C> the context each handler receives, e.g. the authenticated caller
 */
public final class Router<C> {

    /** Handler of one route. {@code params} maps the template's placeholders to their values. */
    @FunctionalInterface
    public interface Handler<C> {
        Response handle(C context, Map<String, String> params);
    }

    private record Route<C>(String method, String[] segments, Handler<C> handler) {}

    private final List<Route<C>> routes = new ArrayList<>();

    public Router<C> add(String method, String template, Handler<C> handler) {
        routes.add(new Route<>(method, split(template), handler));
        return this;
    }

    /**
     * Runs the handler whose template matches {@code path}. Throws a 404 {@link ApiException} when
     * no template matches and a 405 one when only the method differs.
     */
    public Response dispatch(String method, String path, C context) {
        String[] segments = split(path);
        boolean pathMatched = false;
        for (Route<C> route : routes) {
            Map<String, String> params = match(route.segments(), segments);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (route.method().equalsIgnoreCase(method)) {
                return route.handler().handle(context, params);
            }
        }
        if (pathMatched) {
            throw new ApiException(405, "MethodNotAllowed", method + " is not allowed on " + path);
        }
        throw ApiException.notFound("No route for " + method + " " + path);
    }

    private static Map<String, String> match(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                params.put(part.substring(1, part.length() - 1), segments[i]);
            } else if (!part.equals(segments[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.split("/", -1);
    }
}
