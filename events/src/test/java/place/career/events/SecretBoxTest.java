package place.career.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final String oldKey = SecretBox.generateKey();
    private final String newKey = SecretBox.generateKey();

    @Test
    void sealedValueOpensToOriginal() {
        SecretBox box = SecretBox.withSingleKey("k1", oldKey);

        String sealed = box.seal("signing-token-Zoë-李");

        assertFalse(sealed.contains("signing-token"));
        assertEquals("signing-token-Zoë-李", box.open(sealed));
    }

    @Test
    void sameSecretSealsDifferentlyEachTime() {
        SecretBox box = SecretBox.withSingleKey("k1", oldKey);

        assertNotEquals(box.seal("x"), box.seal("x"));
    }

    @Test
    void rotatedBoxOpensOldValuesAndFlagsThem() {
        String sealedWithOld = SecretBox.withSingleKey("k1", oldKey).seal("refresh-token");
        SecretBox rotated = new SecretBox(Map.of("k1", oldKey, "k2", newKey), "k2");

        assertEquals("refresh-token", rotated.open(sealedWithOld));
        assertTrue(rotated.needsResealing(sealedWithOld));
        assertFalse(rotated.needsResealing(rotated.seal("refresh-token")));
    }

    @Test
    void tamperedValueIsRejected() {
        SecretBox box = SecretBox.withSingleKey("k1", oldKey);
        String sealed = box.seal("secret");
        // Flip a character inside the data: the last base64 character may carry only padding bits.
        int middle = sealed.lastIndexOf('.') + 8;
        char original = sealed.charAt(middle);
        String tampered = sealed.substring(0, middle) + (original == 'A' ? 'B' : 'A') + sealed.substring(middle + 1);

        assertThrows(IllegalArgumentException.class, () -> box.open(tampered));
    }

    @Test
    void valueUnderUnknownKeyIsRejected() {
        String sealed = SecretBox.withSingleKey("k1", oldKey).seal("secret");
        SecretBox other = SecretBox.withSingleKey("k9", newKey);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> other.open(sealed));
        assertTrue(error.getMessage().contains("k1"));
    }

    @Test
    void shortKeyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SecretBox.withSingleKey("k1", "c2hvcnQ="));
    }
}
