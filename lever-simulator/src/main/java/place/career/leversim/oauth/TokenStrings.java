package place.career.leversim.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import place.career.leversim.http.Json;

/**
 * Makes random codes and tokens. Access tokens look like Lever's: a JWT signed with HS512 that
 * carries the claims shown in Lever's documentation, or an opaque string when JWTs are off.
 */
final class TokenStrings {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String CLAIM_PREFIX = "https://oauth.lever.co/";

    private final SecureRandom random = new SecureRandom();
    private final byte[] signingKey = new byte[64];
    private final String issuer;
    private final String audience;

    TokenStrings(String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
        random.nextBytes(signingKey);
    }

    /** Returns {@code bytes} random bytes as base64url, 4 characters per 3 bytes. */
    String random(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return BASE64URL.encodeToString(buffer);
    }

    String accessToken(Grant grant, long issuedAtMillis, long expiresAtMillis, boolean jwt) {
        if (!jwt) {
            return random(32);
        }
        ObjectNode header = Json.object().put("alg", "HS512").put("typ", "JWT");
        ObjectNode claims = Json.object()
                .put(CLAIM_PREFIX + "userId", grant.userId)
                .put(CLAIM_PREFIX + "accountId", grant.accountId)
                .put(CLAIM_PREFIX + "clientId", grant.clientId)
                .put("iss", issuer)
                .put("sub", grant.userId)
                .put("aud", audience)
                .put("iat", issuedAtMillis / 1000)
                .put("exp", expiresAtMillis / 1000)
                .put("azp", grant.clientId)
                .put("scope", String.join(" ", grant.scopes))
                .put("jti", UUID.randomUUID().toString());
        String signingInput = BASE64URL.encodeToString(Json.write(header)) + "."
                + BASE64URL.encodeToString(Json.write(claims));
        return signingInput + "." + BASE64URL.encodeToString(hmacSha512(signingInput));
    }

    private byte[] hmacSha512(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA512"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is not available", e);
        }
    }
}
