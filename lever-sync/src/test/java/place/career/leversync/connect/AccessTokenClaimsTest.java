package place.career.leversync.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Reading the Lever account and user from access tokens shaped like Lever's documented example. */
class AccessTokenClaimsTest {

    @Test
    void readsAccountAndUserFromLeverClaims() {
        String token = jwt("{\"https://oauth.lever.co/userId\":\"user-1\",\"https://oauth.lever.co/accountId\":"
                + "\"acct-1\",\"iss\":\"https://auth.lever.co/\",\"scope\":\"offline_access\"}");

        AccessTokenClaims claims = AccessTokenClaims.read(token).orElseThrow();

        assertEquals("acct-1", claims.accountId());
        assertEquals("user-1", claims.userId());
    }

    @Test
    void opaqueOrIncompleteTokensGiveNothing() {
        assertTrue(AccessTokenClaims.read("opaque-token-without-dots").isEmpty());
        assertTrue(AccessTokenClaims.read("a.%%%.c").isEmpty());
        assertTrue(AccessTokenClaims.read(jwt("not json")).isEmpty());
        assertTrue(AccessTokenClaims.read(jwt("{\"https://oauth.lever.co/userId\":\"user-1\"}")).isEmpty());
        assertTrue(AccessTokenClaims.read(jwt("{\"https://oauth.lever.co/accountId\":\"acct-1\","
                + "\"https://oauth.lever.co/userId\":\"\"}")).isEmpty());
    }

    private static String jwt(String claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"HS512\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".signature";
    }
}
