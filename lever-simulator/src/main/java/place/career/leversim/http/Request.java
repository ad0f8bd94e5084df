package place.career.leversim.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;

/** HTTP request read fully into memory, with its query string decoded. */
public final class Request {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Headers headers;
    private final byte[] body;

    public Request(String method, String path, String rawQuery, Headers headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = parseForm(rawQuery);
        this.headers = headers;
        this.body = body;
    }

    static Request read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(),
                body);
    }

    /**
     * Decodes an {@code application/x-www-form-urlencoded} string, such as a query string, into
     * values per name in order of appearance. A null or empty input gives an empty map.
     */
    public static Map<String, List<String>> parseForm(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.computeIfAbsent(decode(name), key -> new ArrayList<>()).add(decode(value));
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Malformed percent-encoding in " + text);
        }
    }

    public String method() {
        return method;
    }

    /** Returns the decoded path without the query string. */
    public String path() {
        return path;
    }

    /** Returns the query string as sent (still percent-encoded), or null when there is none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Returns the first value of the query parameter {@code name}. */
    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Returns all values of the query parameter {@code name}, empty when absent. */
    public List<String> params(String name) {
        return Collections.unmodifiableList(query.getOrDefault(name, List.of()));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
