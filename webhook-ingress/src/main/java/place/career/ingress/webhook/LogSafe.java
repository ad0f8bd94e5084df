package place.career.ingress.webhook;

/** Renders values that came from the request so that they cannot forge or flood a log line. */
final class LogSafe {

    private static final int MAX_LENGTH = 80;

    private LogSafe() {}

    /**
     * Returns the text with every character outside {@code [A-Za-z0-9._:/+-]} replaced by '?', cut
     * to 80.
     */
    static String text(String value) {
        if (value == null) {
            return "-";
        }
        int length = Math.min(value.length(), MAX_LENGTH);
        StringBuilder safe = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '.'
                            || c == '_'
                            || c == ':'
                            || c == '/'
                            || c == '+'
                            || c == '-';
            safe.append(allowed ? c : '?');
        }
        if (value.length() > MAX_LENGTH) {
            safe.append("...");
        }
        return safe.toString();
    }
}
