package place.career.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Keys of the local stack, created once under {@code .local/} and readable by the owner only: the
 * AES key that seals secrets, and an RSA key pair that replaces career.place's identity
 * provider so that the stack can issue admin tokens for the setup APIs.
 */
public final class StackKeys {

    /** Issuer the services expect by default, {@code mp.jwt.verify.issuer}. */
    static final String TOKEN_ISSUER = "https://id.career.place";

    /** Role the setup APIs require in the token's {@code groups} claim. */
    static final String ORG_ADMIN_GROUP = "org-admin";

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]+");

    private final Path dir;

    public StackKeys(Path localDir) {
        this.dir = localDir;
    }

    /** Returns the base64 AES-256 key shared by lever-sync and webhook-ingress. */
    public String secretsKey() {
        Path file = dir.resolve("secrets-key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            writePrivate(file, Base64.getEncoder().encodeToString(key));
        }
        return read(file).trim();
    }

    /** Returns the PEM file with the public key that verifies the stack's tokens. */
    public Path tokenPublicKey() {
        ensureTokenKeys();
        return dir.resolve("jwt/public-key.pem");
    }

    /**
     * Issues a signed RS256 token for an organisation admin, as career.place's identity provider
     * would, valid for the given time.
     *
     * @throws IllegalArgumentException when an id contains characters other than letters, digits
     *     and {@code . _ : -}
     */
    public String adminToken(String organizationId, String userId, Duration validity) {
        requirePlainId(organizationId);
        requirePlainId(userId);
        ensureTokenKeys();
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + TOKEN_ISSUER + "\",\"sub\":\"" + userId + "\","
                + "\"org_id\":\"" + organizationId + "\",\"groups\":[\"" + ORG_ADMIN_GROUP
                + "\"],\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(validity).getEpochSecond() + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    private void ensureTokenKeys() {
        Path privateFile = dir.resolve("jwt/private-key.pem");
        Path publicFile = dir.resolve("jwt/public-key.pem");
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            writePrivate(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            writePrivate(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not create the token key pair", e);
        }
    }

    private PrivateKey privateKey() throws GeneralSecurityException {
        String text = read(dir.resolve("jwt/private-key.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(text);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void requirePlainId(String id) {
        if (!PLAIN_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not a plain id (letters, digits, . _ : -): " + id);
        }
    }

    private static void writePrivate(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            // Created with owner-only permissions, so the key is never readable by others.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
