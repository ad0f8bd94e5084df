package place.career.leversim.state;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** All simulated Lever accounts, by account id. */
public final class LeverState {

    private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();
    private final SimClock clock;
    private final OpportunityListener listener;

    public LeverState(SimClock clock, OpportunityListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /** Creates the account, or returns the existing one with that id. */
    public Account createAccount(String accountId) {
        if (accountId == null || accountId.isBlank()) {
            throw new InvalidRequestException("Account id must not be blank");
        }
        return accounts.computeIfAbsent(accountId, id -> new Account(id, clock, listener));
    }

    /** Returns the account or throws {@link ResourceNotFoundException}. */
    public Account account(String accountId) {
        return find(accountId)
                .orElseThrow(() -> new ResourceNotFoundException("account", accountId));
    }

    public Optional<Account> find(String accountId) {
        return Optional.ofNullable(accountId).map(accounts::get);
    }

    public List<String> accountIds() {
        return List.copyOf(accounts.keySet());
    }

    public void clear() {
        accounts.clear();
    }
}
