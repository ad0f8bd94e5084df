package place.career.ingress.installation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import place.career.ingress.IngressFixtures;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** The precomputed HMAC matches the JDK's HmacSHA256 for keys of every length. */
class SigningKeyTest {

    @Test
    void matchesJdkHmacForKeysOfAnyLength() {
        byte[] message =
                "be58a4c1d23b3154".concat("1431454330072").getBytes(StandardCharsets.UTF_8);
        for (String token :
                List.of(
                        "k",
                        "x".repeat(48),
                        "y".repeat(64),
                        "z".repeat(65),
                        "long".repeat(50),
                        "ümlaut-and-emoji-\uD83D\uDE00")) {
            assertArrayEquals(
                    IngressFixtures.hmac(token, message),
                    new SigningKey(token).sign(message),
                    "key of " + token.length() + " chars");
        }
    }

    @Test
    void matchesRfc4231TestCase2() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        byte[] signature =
                new SigningKey("Jefe")
                        .sign("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));

        assertEquals(
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                HexFormat.of().formatHex(signature));
    }

    @Test
    void verifiesOnlyItsOwnSignature() {
        byte[] message = "token1700000000000".getBytes(StandardCharsets.UTF_8);
        byte[] signature = IngressFixtures.hmac("signing-token", message);

        assertTrue(new SigningKey("signing-token").verifies(message, signature));
        assertFalse(new SigningKey("other-token").verifies(message, signature));
        assertFalse(new SigningKey("signing-token").verifies(message, new byte[32]));
        assertFalse(new SigningKey("signing-token").verifies(message, new byte[0]));
    }

    @Test
    void keepsTokenOutOfToString() {
        assertFalse(new SigningKey("secret-token").toString().contains("secret"));
    }
}
