package place.career.http;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lookup of the HTTP methods that the service's resource classes accept on a path, for the
 * {@code Allow} header of a 405. RESTEasy Reactive 3.33 throws its {@code NotAllowedException}
 * without that header, so the methods come from the JAX-RS annotations of the resource beans.
 */
public final class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*([^{}]+))?}");

    private static volatile List<Route> routes;

    private AllowedMethods() {}

    /**
     * Returns the methods allowed for a request that got 405: those in the response's Allow
     * header, or else those declared for the request's path.
     */
    public static Set<String> forRejected(NotAllowedException error, ContainerRequestContext request) {
        Set<String> allowed = new TreeSet<>(error.getResponse().getAllowedMethods());
        return allowed.isEmpty() ? on(request.getUriInfo().getPath()) : allowed;
    }

    /** Returns the detail of a 405 problem: the rejected method and, when known, the allowed ones. */
    public static String detail(String method, Set<String> allowed) {
        return allowed.isEmpty()
                ? method + " is not allowed on this URL."
                : method + " is not allowed on this URL. Use " + String.join(", ", allowed) + ".";
    }

    /**
     * Returns the methods declared for {@code path}, which is relative to the application root.
     *
     * <p>NOTE: sub-resource locators are not followed, and HEAD and OPTIONS are listed only when a
     * resource method declares them.
     */
    public static Set<String> on(String path) {
        String normalized = normalize(path);
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(normalized).matches()) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    private record Route(Pattern path, String method) {}

    private static List<Route> routes() {
        List<Route> found = routes;
        if (found == null) {
            found = scanResourceBeans();
            routes = found;
        }
        return found;
    }

    private static List<Route> scanResourceBeans() {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null || type.isInterface()) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String template = classPath.value() + "/" + (methodPath == null ? "" : methodPath.value());
                found.add(new Route(toPattern(normalize(template)), httpMethod));
            }
        }
        return List.copyOf(found);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value();
            }
        }
        return null;
    }

    /**
     * Turns a URI template such as {@code /api/x/{id}} into a pattern. A parameter without its own
     * regex matches one path segment.
     */
    private static Pattern toPattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int literalStart = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(literalStart, parameter.start())));
            String custom = parameter.group(1);
            regex.append('(').append(custom == null ? "[^/]+" : "?:" + custom.strip()).append(')');
            literalStart = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(literalStart)));
        return Pattern.compile(regex.toString());
    }

    /** Returns the path with one leading slash, no doubled slashes and no trailing slash. */
    private static String normalize(String path) {
        String collapsed = ("/" + path).replaceAll("/{2,}", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/")
                ? collapsed.substring(0, collapsed.length() - 1)
                : collapsed;
    }
}
