package place.career.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens secrets (OAuth tokens, webhook signing tokens) with AES-256-GCM so that they are
 * encrypted at rest and on topics.
 *
 * <p>A sealed value reads {@code v1.<keyId>.<base64url(nonce | ciphertext | tag)>}. New values are
 * sealed with the active key; any configured key can open, so keys rotate by adding a new active
 * key, re-sealing, then removing the old one. The key id is also bound into the GCM tag, so a
 * value cannot be moved under another key id.
 */
public final class SecretBox {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates a box from base64-encoded 32-byte keys.
     *
     * @param base64Keys key id to base64 key; ids may not contain a dot
     * @param activeKeyId the id of the key that seals new values
     * @throws IllegalArgumentException when a key is not 32 bytes of base64 or the active id is unknown
     */
    public SecretBox(Map<String, String> base64Keys, String activeKeyId) {
        if (!base64Keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("Active key id '" + activeKeyId + "' is not among the configured keys "
                    + base64Keys.keySet());
        }
        this.keys = new java.util.HashMap<>();
        base64Keys.forEach((id, value) -> this.keys.put(id, toKey(id, value)));
        this.activeKeyId = activeKeyId;
    }

    /** Creates a box with a single key, which is also the active one. */
    public static SecretBox withSingleKey(String keyId, String base64Key) {
        return new SecretBox(Map.of(keyId, base64Key), keyId);
    }

    /** Returns a fresh random key in the base64 form the constructor takes. */
    public static String generateKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Encrypts a secret under the active key. */
    public String seal(String plainText) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] cipherText = run(Cipher.ENCRYPT_MODE, activeKeyId, nonce, plainText.getBytes(StandardCharsets.UTF_8));
        ByteBuffer sealed = ByteBuffer.allocate(nonce.length + cipherText.length).put(nonce).put(cipherText);
        return VERSION + "." + activeKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.array());
    }

    /**
     * Decrypts a value made by {@link #seal}.
     *
     * @throws IllegalArgumentException when the value is malformed, its key is not configured, or it was tampered with
     */
    public String open(String sealed) {
        String[] parts = sealed.split("\\.", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("Sealed value has an unknown format; expected v1.<keyId>.<data>");
        }
        if (!keys.containsKey(parts[1])) {
            throw new IllegalArgumentException("Sealed value uses key id '" + parts[1] + "', which is not configured");
        }
        byte[] data = Base64.getUrlDecoder().decode(parts[2]);
        if (data.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("Sealed value is too short to hold a nonce and a tag");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(data, 0, NONCE_BYTES);
        byte[] cipherText = java.util.Arrays.copyOfRange(data, NONCE_BYTES, data.length);
        return new String(run(Cipher.DECRYPT_MODE, parts[1], nonce, cipherText), StandardCharsets.UTF_8);
    }

    /** Returns whether the value was sealed with a key other than the active one and should be re-sealed. */
    public boolean needsResealing(String sealed) {
        return !sealed.startsWith(VERSION + "." + activeKeyId + ".");
    }

    private byte[] run(int mode, String keyId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Sealed value could not be opened with key id '" + keyId
                    + "': it was altered or sealed with a different key", e);
        }
    }

    private static SecretKeySpec toKey(String id, String base64) {
        if (id.contains(".")) {
            throw new IllegalArgumentException("Key id '" + id + "' must not contain a dot");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Key '" + id + "' is not valid base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("Key '" + id + "' must be 32 bytes (AES-256), got " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }
}
