package place.career.leversim.fault;

import java.util.regex.Pattern;

/**
 * Method and path glob that selects requests for an injected fault. In the glob {@code *} matches
 * within one path segment and {@code **} matches across segments, so the glob
 * <code>/v1/opportunities/&#42;/notes</code> selects the notes of any opportunity. The method
 * {@code *} matches every method. Requests to {@code /_sim/} never match.
 */
public record RequestPattern(String method, String pathGlob) {

    public static RequestPattern any() {
        return new RequestPattern("*", "/**");
    }

    public static RequestPattern of(String method, String pathGlob) {
        if (!pathGlob.startsWith("/")) {
            throw new IllegalArgumentException("Path glob must start with /: " + pathGlob);
        }
        return new RequestPattern(method, pathGlob);
    }

    public boolean matches(String requestMethod, String path) {
        if (path.startsWith("/_sim")) {
            return false;
        }
        boolean methodMatches = "*".equals(method) || method.equalsIgnoreCase(requestMethod);
        return methodMatches && toRegex(pathGlob).matcher(path).matches();
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
