package place.career.http;

/**
 * Parsing of query parameters that the REST layer would otherwise convert itself. JAX-RS responds
 * with 404 to a value it cannot convert to the parameter's type, which sends the caller to check a
 * URL that is right, so the services take such parameters as text and parse them here.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /**
     * Returns the parameter as a whole number within bounds, or the default when it is absent.
     *
     * @throws IllegalArgumentException with a message for the caller when the value is not a whole
     *     number or lies outside the bounds
     */
    public static int boundedInt(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(outOfBounds(name, raw, min, max));
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(outOfBounds(name, raw, min, max));
        }
        return value;
    }

    private static String outOfBounds(String name, String raw, int min, int max) {
        String quoted = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
        return "Query parameter '" + name + "' must be a whole number from " + min + " to " + max + ", got '"
                + quoted + "'.";
    }
}
