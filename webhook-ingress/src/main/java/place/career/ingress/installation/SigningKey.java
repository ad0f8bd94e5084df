package place.career.ingress.installation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * One webhook signing token, ready to compute HMAC-SHA256 (RFC 2104) over short messages.
 *
 * <p>The SHA-256 states after the inner and outer key pads are computed once and cloned per
 * signature, which saves one compression round and the provider lookup of {@code javax.crypto.Mac}
 * on each call. That matters because the shared webhook URL tries every connected installation's
 * keys in turn. Instances are immutable and safe to share between threads.
 */
final class SigningKey {

    private static final int BLOCK_BYTES = 64;

    private final MessageDigest innerPrototype;
    private final MessageDigest outerPrototype;

    /**
     * Creates a key from the signing token as Lever shows it. The HMAC key is the token's UTF-8
     * bytes.
     */
    SigningKey(String signingToken) {
        byte[] key = signingToken.getBytes(StandardCharsets.UTF_8);
        if (key.length > BLOCK_BYTES) {
            key = newSha256().digest(key);
        }
        byte[] innerPad = new byte[BLOCK_BYTES];
        byte[] outerPad = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            byte keyByte = i < key.length ? key[i] : 0;
            innerPad[i] = (byte) (keyByte ^ 0x36);
            outerPad[i] = (byte) (keyByte ^ 0x5c);
        }
        innerPrototype = newSha256();
        innerPrototype.update(innerPad);
        outerPrototype = newSha256();
        outerPrototype.update(outerPad);
        Arrays.fill(key, (byte) 0);
        Arrays.fill(innerPad, (byte) 0);
        Arrays.fill(outerPad, (byte) 0);
    }

    /** Computes HMAC-SHA256 of the message under this key. */
    byte[] sign(byte[] message) {
        MessageDigest inner = copy(innerPrototype);
        inner.update(message);
        MessageDigest outer = copy(outerPrototype);
        outer.update(inner.digest());
        return outer.digest();
    }

    /**
     * Returns whether the signature is this key's HMAC of the message, compared in constant time.
     */
    boolean verifies(byte[] message, byte[] signature) {
        return MessageDigest.isEqual(sign(message), signature);
    }

    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The SHA-256 provider does not support cloning", e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    /** Prints nothing of the key. */
    @Override
    public String toString() {
        return "SigningKey[redacted]";
    }
}
