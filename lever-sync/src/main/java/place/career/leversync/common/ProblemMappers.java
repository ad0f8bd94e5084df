package place.career.leversync.common;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns exceptions of the HTTP API into problem details. */
public class ProblemMappers {

    private static final String REQUEST_ID_HEADER = "X-Request-Id";

    @ServerExceptionMapper
    public Response problem(ProblemException error, HttpHeaders headers) {
        return respond(error.status(), error.title(), error.getMessage(), requestId(headers));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException error, HttpHeaders headers) {
        Response response = respond(401, "Unauthorized",
                "Send a valid bearer token from the career.place identity provider.", requestId(headers));
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException error, HttpHeaders headers) {
        return respond(403, "Forbidden", "Only organisation admins may use this API: the token's groups must"
                + " contain 'org-admin'.", requestId(headers));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException error, HttpHeaders headers) {
        int status = error.getResponse().getStatus();
        String title = error.getResponse().getStatusInfo().getReasonPhrase();
        return respond(status, title, error.getMessage(), requestId(headers));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException error, HttpHeaders headers) {
        String requestId = requestId(headers);
        Log.errorf(error, "Request failed unexpectedly requestId=%s", requestId);
        return respond(500, "Internal error", "The request failed; quote the request id when reporting it.",
                requestId);
    }

    private static Response respond(int status, String title, String detail, String requestId) {
        Problem body = new Problem("about:blank", title, status, detail, requestId);
        return Response.status(status).type(Problem.MEDIA_TYPE).header(REQUEST_ID_HEADER, requestId)
                .entity(body).build();
    }

    private static String requestId(HttpHeaders headers) {
        String given = headers.getHeaderString(REQUEST_ID_HEADER);
        if (given != null && given.matches("[A-Za-z0-9._-]{1,64}")) {
            return given;
        }
        return UUID.randomUUID().toString();
    }
}
