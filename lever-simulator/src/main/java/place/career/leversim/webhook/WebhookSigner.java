package place.career.leversim.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lever's webhook signature: HMAC-SHA256 keyed with the UTF-8 bytes of the signing token, over
 * the envelope's {@code token} immediately followed by the decimal digits of {@code triggeredAt},
 * as lowercase hex. The body itself is not signed.
 */
public final class WebhookSigner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {}

    public static String sign(String signingToken, String token, long triggeredAt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingToken.getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            byte[] message = (token + triggeredAt).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Checks a signature in constant time. A null signature never matches. */
    public static boolean verify(
            String signingToken, String token, long triggeredAt, String signature) {
        if (signature == null) {
            return false;
        }
        String expected = sign(signingToken, token, triggeredAt);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** Returns a fresh envelope {@code token}: 48 random lowercase hex characters. */
    public static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
