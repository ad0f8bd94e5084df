package place.career.ingress.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lever webhook request body whose fields have the documented types. Nothing in it is verified
 * yet: the signature check happens afterwards.
 *
 * @param id Lever's event id, or null when Lever left it out
 * @param event Lever's event name
 * @param triggeredAt when Lever fired the event, epoch milliseconds
 * @param token Lever's random per-delivery string, signed together with {@code triggeredAt}
 * @param signature the 32 bytes of the hex-encoded HMAC-SHA256 signature
 * @param data the ids in the {@code data} object
 */
record WebhookEnvelope(
        String id,
        String event,
        long triggeredAt,
        String token,
        byte[] signature,
        DeliveryData data) {

    /**
     * Returns the key under which the delivery is deduplicated: Lever's id when present, otherwise
     * {@code token:<token>}, as the webhook topic's {@code deliveryId} defines it.
     */
    String deliveryKey() {
        return id != null ? id : "token:" + token;
    }

    /**
     * Returns the bytes Lever signs: the token immediately followed by the decimal digits of {@code
     * triggeredAt}, with no separator.
     */
    byte[] signedMessage() {
        return (token + triggeredAt).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns a reference to the delivery that is safe to log: Lever's id when present, otherwise a
     * SHA-256 prefix of the token, because the token itself never reaches a log.
     */
    String logReference() {
        return id != null ? LogSafe.text(id) : tokenReference(token);
    }

    static String tokenReference(String token) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(StandardCharsets.UTF_8));
            return "token-sha256:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** Prints what may be logged: no token, no signature. */
    @Override
    public String toString() {
        return "WebhookEnvelope[delivery="
                + logReference()
                + ", event="
                + LogSafe.text(event)
                + ", triggeredAt="
                + triggeredAt
                + "]";
    }
}
