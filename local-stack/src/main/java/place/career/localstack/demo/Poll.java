package place.career.localstack.demo;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a value until it meets a condition, for waiting on asynchronous effects. */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(250);

    private Poll() {}

    /**
     * Returns the first value that meets {@code done}.
     *
     * @throws IllegalStateException when {@code timeout} passes first; the message names what was
     *     awaited and the last value seen
     */
    public static <T> T until(String description, Duration timeout, Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (done.test(last)) {
                return last;
            }
            sleep();
        }
        throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for "
                + description + "; last seen: " + last);
    }

    private static void sleep() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while polling", e);
        }
    }
}
