package place.career.orchestrator.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a plain token, otherwise
 * a new UUID. The id is echoed in the response header and in problem details.
 */
public class RequestIdFilter {

    /** Request and response header that carries the id. */
    public static final String HEADER = "X-Request-Id";

    private static final String PROPERTY = RequestIdFilter.class.getName();
    private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @ServerRequestFilter(preMatching = true)
    void assignRequestId(ContainerRequestContext request) {
        String offered = request.getHeaderString(HEADER);
        boolean usable = offered != null && ACCEPTED_ID.matcher(offered).matches();
        request.setProperty(PROPERTY, usable ? offered : UUID.randomUUID().toString());
    }

    @ServerResponseFilter
    void echoRequestId(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, requestId(request));
    }

    /** Returns the request's id, creating one when the request skipped the filter. */
    public static String requestId(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        if (id == null) {
            id = UUID.randomUUID().toString();
            request.setProperty(PROPERTY, id);
        }
        return id.toString();
    }
}
