package place.career.notifier.timer;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Lets idle mail senders wait for the next poll, and wakes them early when this replica has just
 * stored a timer that is due now, such as a new invitation.
 */
@ApplicationScoped
public class MailWakeUp {

    private final Object monitor = new Object();
    private long signals;

    /** Wakes every sender that waits in {@link #await}. */
    public void signal() {
        synchronized (monitor) {
            signals++;
            monitor.notifyAll();
        }
    }

    /** Blocks until {@link #signal} is called or the timeout passes. */
    public void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            long seen = signals;
            long remaining = timeout.toNanos();
            while (signals == seen && remaining > 0) {
                monitor.wait(Math.max(1, remaining / 1_000_000));
                remaining = deadline - System.nanoTime();
            }
        }
    }
}
