package place.career.localstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import place.career.events.EventJson;

/** Calls the services' JSON APIs for the demo and the end-to-end tests. */
public final class JsonHttp {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JsonHttp() {}

    /** Sends a JSON body (or none when null) and returns the response; {@code bearer} may be null. */
    public static HttpResponse<String> send(String method, String url, String bearer, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(EventJson.write(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + url, e);
        }
    }

    /**
     * Sends a JSON body and returns the parsed response body.
     *
     * @throws IllegalStateException when the status is not 2xx; the message has the status and body
     */
    public static JsonNode sendOk(String method, String url, String bearer, Object body) {
        HttpResponse<String> response = send(method, url, bearer, body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " returned "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return response.body().isEmpty()
                    ? EventJson.mapper().nullNode()
                    : EventJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " returned invalid JSON: "
                    + response.body(), e);
        }
    }
}
