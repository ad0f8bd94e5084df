package place.career.orchestrator.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Plays the career.place identity provider in tests: generates an RSA key pair when the test
 * resources start, configures the service to trust its public key, and mints tokens with the
 * private key.
 *
 * <p>The private key travels in a system property because Quarkus loads test resources and test
 * classes in different class loaders, so a static field would not be shared.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    /** Issuer the service expects. */
    public static final String ISSUER = "https://id.career.place";

    private static final String PRIVATE_KEY_PROPERTY = "place.career.test.jwt-private-key";

    @Override
    public Map<String, String> start() {
        KeyPair keys = generate();
        System.setProperty(PRIVATE_KEY_PROPERTY,
                Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        String publicKey = "-----BEGIN PUBLIC KEY-----"
                + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())
                + "-----END PUBLIC KEY-----";
        return Map.of("mp.jwt.verify.publickey", publicKey, "mp.jwt.verify.issuer", ISSUER);
    }

    @Override
    public void stop() {
    }

    /** Mints a token of an org admin of {@code organizationId}. */
    public static String admin(String userId, String organizationId) {
        return sign(claims(userId).claim("org_id", organizationId).groups(Set.of("org-admin")));
    }

    /** Mints a token of a user of {@code organizationId} who is not an admin. */
    public static String member(String userId, String organizationId) {
        return sign(claims(userId).claim("org_id", organizationId).groups(Set.of("member")));
    }

    /** Mints an admin token that names no organisation. */
    public static String adminWithoutOrganization(String userId) {
        return sign(claims(userId).groups(Set.of("org-admin")));
    }

    /** Mints an admin token signed by a key the service does not trust. */
    public static String adminSignedByStranger(String userId, String organizationId) {
        return claims(userId).claim("org_id", organizationId).groups(Set.of("org-admin"))
                .sign(generate().getPrivate());
    }

    private static JwtClaimsBuilder claims(String userId) {
        return Jwt.issuer(ISSUER).subject(userId).expiresIn(600);
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.sign(privateKey());
    }

    private static PrivateKey privateKey() {
        String encoded = System.getProperty(PRIVATE_KEY_PROPERTY);
        if (encoded == null) {
            throw new IllegalStateException("TestTokens has not started; add it as a test resource");
        }
        try {
            byte[] der = Base64.getDecoder().decode(encoded);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("Could not read the test signing key", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
