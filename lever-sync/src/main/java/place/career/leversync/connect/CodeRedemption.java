package place.career.leversync.connect;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import place.career.leversync.installation.LeverTokenClient;
import place.career.leversync.installation.TokenEndpointException;
import place.career.leversync.installation.TokenGrant;
import place.career.leversync.lever.LeverCallException;
import place.career.leversync.lever.LeverClient;
import place.career.leversync.lever.LeverUser;

/**
 * Turns the authorization code of a callback into a usable grant: exchanges it, and checks that
 * the grant can refresh itself and names an active Lever user for {@code perform_as}.
 *
 * <p>perform_as is the Lever user who granted access on the consent page, read from the access
 * token and confirmed with {@code GET /users/:id}. Lever lets only Super Admins grant access, so
 * notes and stage moves appear in Lever as made by the admin who connected career.place.
 */
@ApplicationScoped
public class CodeRedemption {

    private final LeverTokenClient tokens;
    private final LeverClient lever;

    CodeRedemption(LeverTokenClient tokens, LeverClient lever) {
        this.tokens = tokens;
        this.lever = lever;
    }

    /** Redeems the code; fails with a {@link ConnectFailure} that carries the result for the admin. */
    public Uni<RedeemedGrant> redeem(String code) {
        return tokens.exchangeCode(code)
                .onFailure(TokenEndpointException.class).transform(CodeRedemption::exchangeFailure)
                .chain(this::inspect);
    }

    private Uni<RedeemedGrant> inspect(TokenGrant grant) {
        if (grant.refreshToken() == null) {
            return Uni.createFrom().failure(new ConnectFailure(ConnectResult.MISSING_OFFLINE_ACCESS,
                    "Lever issued no refresh token; granted scopes: " + grant.scope()));
        }
        AccessTokenClaims claims = AccessTokenClaims.read(grant.accessToken()).orElse(null);
        if (claims == null) {
            return Uni.createFrom().failure(new ConnectFailure(ConnectResult.LEVER_ACCOUNT_UNKNOWN,
                    "the access token names no Lever account and user"));
        }
        return lever.getUser(grant.accessToken(), claims.userId())
                .onFailure(LeverCallException.class).transform(error -> userFailure(claims, (LeverCallException) error))
                .map(user -> {
                    if (user.deactivated()) {
                        throw new ConnectFailure(ConnectResult.LEVER_USER_INACTIVE,
                                "Lever user " + claims.userId() + " is deactivated");
                    }
                    return new RedeemedGrant(grant, claims.accountId(), user);
                });
    }

    private static Throwable exchangeFailure(Throwable error) {
        TokenEndpointException failure = (TokenEndpointException) error;
        if (failure.isGrantRejected()) {
            return new ConnectFailure(ConnectResult.CODE_REJECTED, failure.getMessage(), failure);
        }
        if (failure.status() == 0 || failure.status() == 429 || failure.status() >= 500) {
            return new ConnectFailure(ConnectResult.LEVER_UNAVAILABLE, failure.getMessage(), failure);
        }
        return new ConnectFailure(ConnectResult.LEVER_ERROR, failure.getMessage(), failure);
    }

    private static Throwable userFailure(AccessTokenClaims claims, LeverCallException failure) {
        if (failure.status() == 404) {
            return new ConnectFailure(ConnectResult.LEVER_USER_INACTIVE,
                    "Lever user " + claims.userId() + " was not found", failure);
        }
        if (failure.isRetryable()) {
            return new ConnectFailure(ConnectResult.LEVER_UNAVAILABLE, failure.getMessage(), failure);
        }
        return new ConnectFailure(ConnectResult.LEVER_ERROR, failure.getMessage(), failure);
    }

    /**
     * A grant ready to store.
     *
     * @param performAs the Lever user who granted access; writes act as this user
     */
    public record RedeemedGrant(TokenGrant tokens, String leverAccountId, LeverUser performAs) {

        /** Prints ids only. */
        @Override
        public String toString() {
            return "RedeemedGrant[leverAccountId=" + leverAccountId + ", performAs=" + performAs.id() + "]";
        }
    }
}
