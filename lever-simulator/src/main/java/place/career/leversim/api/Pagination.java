package place.career.leversim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import place.career.leversim.http.ApiException;
import place.career.leversim.http.Json;
import place.career.leversim.http.Request;

/**
 * Lever-style pagination: {@code limit} 1 to 100 (default 100) and an opaque {@code offset} token
 * that must come from a previous response's {@code next} for the same listing. A page resumes
 * after the last item of the previous page, so items added meanwhile are not skipped.
 */
final class Pagination {

    private static final int MAX_LIMIT = 100;
    private static final Set<String> PAGING_PARAMS = Set.of("limit", "offset", "perform_as");

    private record Cursor(String listKey, String lastId, int nextIndex) {}

    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

    /**
     * Returns {@code {"data": [...], "hasNext": ..., "next": ...}} for one page of {@code items}.
     * {@code next} is present only when {@code hasNext} is true.
     */
    <T> ObjectNode page(ApiCall call, List<T> items, Function<T, String> idOf,
            Function<T, JsonNode> render) {
        int limit = limit(call);
        String listKey = listKey(call);
        int start = start(call, listKey, items, idOf);
        int end = Math.min(start + limit, items.size());

        ArrayNode data = Json.array();
        items.subList(start, end).forEach(item -> data.add(render.apply(item)));
        ObjectNode body = Json.object();
        body.set("data", data);
        boolean hasNext = end < items.size();
        body.put("hasNext", hasNext);
        if (hasNext) {
            String token = "0." + System.currentTimeMillis() + "." + UUID.randomUUID();
            cursors.put(token, new Cursor(listKey, idOf.apply(items.get(end - 1)), end));
            body.put("next", token);
        }
        return body;
    }

    void clear() {
        cursors.clear();
    }

    private static int limit(ApiCall call) {
        String text = call.request().param("limit").orElse(null);
        if (text == null) {
            return MAX_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below together with out-of-range values.
        }
        throw ApiException.badRequest("limit must be an integer from 1 to 100, got " + text);
    }

    private <T> int start(ApiCall call, String listKey, List<T> items, Function<T, String> idOf) {
        String offset = call.request().param("offset").orElse(null);
        if (offset == null || offset.isEmpty()) {
            return 0;
        }
        Cursor cursor = cursors.get(offset);
        if (cursor == null || !cursor.listKey().equals(listKey)) {
            throw ApiException.badRequest("Invalid offset " + offset
                    + ": pass the next value of the previous page of the same listing");
        }
        for (int i = 0; i < items.size(); i++) {
            if (idOf.apply(items.get(i)).equals(cursor.lastId())) {
                return i + 1;
            }
        }
        return Math.min(cursor.nextIndex(), items.size());
    }

    /** Identifies a listing by account, path and its filters: the query without paging params. */
    private static String listKey(ApiCall call) {
        Map<String, List<String>> filters = new TreeMap<>();
        Request.parseForm(call.request().rawQuery()).forEach((name, values) -> {
            if (!PAGING_PARAMS.contains(name)) {
                filters.put(name, values);
            }
        });
        return call.caller().accountId() + " " + call.request().path() + " " + filters;
    }
}
