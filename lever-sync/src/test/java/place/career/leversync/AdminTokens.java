package place.career.leversync;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Replaces career.place's identity provider in tests: makes an RSA key pair per test JVM, gives the
 * service the public key and signs test tokens with the private one. The private key is kept in
 * a system property because Quarkus loads test resources and test classes with different class
 * loaders, which do not share static fields.
 */
public class AdminTokens implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://id.career.place";
    private static final String KEY_PROPERTY = "place.career.leversync.test.signing-key";

    @Override
    public Map<String, String> start() {
        KeyPair pair = newKeyPair();
        System.setProperty(KEY_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        String publicKey = "-----BEGIN PUBLIC KEY-----" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
                + "-----END PUBLIC KEY-----";
        return Map.of("mp.jwt.verify.publickey", publicKey, "mp.jwt.verify.issuer", ISSUER);
    }

    @Override
    public void stop() {
        System.clearProperty(KEY_PROPERTY);
    }

    /** Returns a token of an admin of the organisation. */
    public static String admin(String organizationId, String userId) {
        return claims(userId).claim("org_id", organizationId).groups(Set.of("org-admin")).sign(trustedKey());
    }

    /** Returns a token of an organisation member who is not an admin. */
    public static String member(String organizationId, String userId) {
        return claims(userId).claim("org_id", organizationId).groups(Set.of("member")).sign(trustedKey());
    }

    /** Returns an admin token without the org_id claim. */
    public static String adminWithoutOrganization(String userId) {
        return claims(userId).groups(Set.of("org-admin")).sign(trustedKey());
    }

    /** Returns an admin token signed with a key the service does not trust. */
    public static String adminSignedByUnknownKey(String organizationId, String userId) {
        return claims(userId).claim("org_id", organizationId).groups(Set.of("org-admin"))
                .sign(newKeyPair().getPrivate());
    }

    /** Returns an admin token that expired a minute ago. */
    public static String expiredAdmin(String organizationId, String userId) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER).subject(userId).issuedAt(now - 600).expiresAt(now - 60)
                .claim("org_id", organizationId).groups(Set.of("org-admin")).sign(trustedKey());
    }

    private static JwtClaimsBuilder claims(String userId) {
        return Jwt.issuer(ISSUER).subject(userId).expiresIn(600);
    }

    private static PrivateKey trustedKey() {
        String encoded = System.getProperty(KEY_PROPERTY);
        if (encoded == null) {
            throw new IllegalStateException("AdminTokens is not started; add @QuarkusTestResource(AdminTokens.class)");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(encoded)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not read the test signing key", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
