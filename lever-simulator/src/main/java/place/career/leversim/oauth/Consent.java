package place.career.leversim.oauth;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browser side of the authorization step: which account admin is "signed in" and approves
 * every authorization request, and how many upcoming requests the admin denies instead.
 */
public final class Consent {

    /** Account and user that approve authorization requests. */
    public record Approver(String accountId, String userId) {}

    private volatile Approver approver;
    private final AtomicInteger pendingDenials = new AtomicInteger();

    public void approveAs(String accountId, String userId) {
        this.approver = new Approver(accountId, userId);
    }

    public Optional<Approver> approver() {
        return Optional.ofNullable(approver);
    }

    public void denyNext() {
        pendingDenials.incrementAndGet();
    }

    /** Uses up one pending denial and returns whether there was one. */
    boolean takeDenial() {
        return pendingDenials.getAndUpdate(count -> Math.max(0, count - 1)) > 0;
    }

    public void reset() {
        approver = null;
        pendingDenials.set(0);
    }
}
