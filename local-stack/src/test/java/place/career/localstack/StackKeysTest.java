package place.career.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackKeysTest {

    @TempDir
    Path localDir;

    @Test
    void tokenVerifiesWithPublicKey() throws Exception {
        StackKeys keys = new StackKeys(localDir);

        String token = keys.adminToken("org-1", "user-1", Duration.ofHours(1));

        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(publicKey(keys.tokenPublicKey()));
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(signature.verify(Base64.getUrlDecoder().decode(parts[2])));
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"org_id\":\"org-1\""), claims);
        assertTrue(claims.contains("\"sub\":\"user-1\""), claims);
        assertTrue(claims.contains("\"groups\":[\"org-admin\"]"), claims);
        assertTrue(claims.contains("\"iss\":\"https://id.career.place\""), claims);
    }

    @Test
    void keysAreKeptAndPrivate() throws Exception {
        String first = new StackKeys(localDir).secretsKey();
        String second = new StackKeys(localDir).secretsKey();

        assertEquals(first, second);
        assertEquals(32, Base64.getDecoder().decode(first).length);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(localDir.resolve("secrets-key"))));
    }

    @Test
    void tokenRejectsIdsThatNeedEscaping() {
        StackKeys keys = new StackKeys(localDir);

        assertThrows(IllegalArgumentException.class,
                () -> keys.adminToken("org\",\"groups\":[]", "user-1", Duration.ofHours(1)));
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(text);
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
}
