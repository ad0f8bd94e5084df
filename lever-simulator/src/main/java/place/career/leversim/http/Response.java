package place.career.leversim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP response built by an endpoint before anything is written, so that the request pipeline can
 * still replace it with an injected failure.
 */
public final class Response {

    private static final byte[] NO_BODY = new byte[0];

    private final int status;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String accountId;

    private Response(int status, byte[] body, String contentType) {
        this.status = status;
        this.body = body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    /** Serialises {@code body} (a Jackson node, map, list or record) as the JSON response body. */
    public static Response json(int status, Object body) {
        return new Response(status, Json.write(body), "application/json; charset=utf-8");
    }

    /** Wraps {@code data} as Lever does: {@code {"data": ...}}. */
    public static Response data(int status, JsonNode data) {
        ObjectNode envelope = Json.object();
        envelope.set("data", data);
        return json(status, envelope);
    }

    public static Response error(int status, String code, String message) {
        ObjectNode body = Json.object();
        body.put("code", code);
        body.put("message", message);
        return json(status, body);
    }

    public static Response redirect(String location) {
        Response response = new Response(302, NO_BODY, null);
        response.headers.put("Location", location);
        return response;
    }

    public static Response noContent() {
        return new Response(204, NO_BODY, null);
    }

    public Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Records which account the request belonged to, for the request log and rate limits. */
    public Response forAccount(String accountId) {
        this.accountId = accountId;
        return this;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String accountId() {
        return accountId;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
