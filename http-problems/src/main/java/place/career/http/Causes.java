package place.career.http;

/** Helpers that inspect the cause chain of a failed call, shared by the services' HTTP clients. */
public final class Causes {

    private Causes() {
    }

    /** Returns whether the failure or any of its causes is of the given type. */
    public static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the innermost cause as its simple class name and message, for logs and problem details. */
    public static String rootDescription(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
