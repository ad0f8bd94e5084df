package place.career.ingress.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import place.career.ingress.IngressFixtures;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Signature lookups over the registry's snapshot of connected installations. */
class InstallationRegistryTest {

    private static final byte[] MESSAGE = "token1700000000000".getBytes(StandardCharsets.UTF_8);

    private InstallationRegistry registry;

    @BeforeEach
    void createRegistry() {
        registry = new InstallationRegistry();
        registry.meters = new SimpleMeterRegistry();
        registry.registerGauges();
    }

    @Test
    void findsInstallationAmongMany() {
        for (int i = 0; i < 100; i++) {
            registry.putConnected("inst-" + i, List.of("token-" + i, "second-" + i));
        }
        registry.publishChanges();

        SignatureMatch match = registry.findBySignature(MESSAGE, sign("second-57"));

        assertEquals(SignatureMatch.Result.MATCHED, match.result());
        assertEquals("inst-57", match.installationId());
        assertEquals(100, registry.connectedCount());
    }

    @Test
    void returnsNoMatchForUnknownKey() {
        registry.putConnected("inst-1", List.of("token-1"));
        registry.publishChanges();

        assertEquals(
                SignatureMatch.Result.NO_MATCH,
                registry.findBySignature(MESSAGE, sign("token-2")).result());
        assertEquals(
                SignatureMatch.Result.NO_MATCH,
                registry.verifyFor("inst-1", MESSAGE, sign("token-2")).result());
    }

    @Test
    void hidesChangesUntilPublished() {
        registry.putConnected("inst-1", List.of("token-1"));

        assertEquals(
                SignatureMatch.Result.UNKNOWN_INSTALLATION,
                registry.verifyFor("inst-1", MESSAGE, sign("token-1")).result());

        registry.publishChanges();

        assertEquals(
                SignatureMatch.Result.MATCHED,
                registry.verifyFor("inst-1", MESSAGE, sign("token-1")).result());
    }

    @Test
    void reportsSharedTokenAsAmbiguous() {
        registry.putConnected("inst-1", List.of("shared"));
        registry.putConnected("inst-2", List.of("shared", "own-2"));
        registry.publishChanges();

        assertEquals(
                SignatureMatch.Result.AMBIGUOUS,
                registry.findBySignature(MESSAGE, sign("shared")).result());
        assertEquals(
                SignatureMatch.Result.MATCHED,
                registry.findBySignature(MESSAGE, sign("own-2")).result());
        assertEquals(
                SignatureMatch.Result.MATCHED,
                registry.verifyFor("inst-1", MESSAGE, sign("shared")).result());
    }

    @Test
    void stopsMatchingRemovedInstallation() {
        registry.putConnected("inst-1", List.of("token-1"));
        registry.publishChanges();
        registry.remove("inst-1");
        registry.publishChanges();

        assertEquals(
                SignatureMatch.Result.NO_MATCH,
                registry.findBySignature(MESSAGE, sign("token-1")).result());
        assertEquals(
                SignatureMatch.Result.UNKNOWN_INSTALLATION,
                registry.verifyFor("inst-1", MESSAGE, sign("token-1")).result());
    }

    @Test
    void findsRecentSignerFirstAndStillChecksSignature() {
        for (int i = 0; i < 50; i++) {
            registry.putConnected("inst-" + i, List.of("token-" + i));
        }
        registry.publishChanges();

        SignatureMatch first = registry.findBySignature(MESSAGE, sign("token-42"));
        SignatureMatch again = registry.findBySignature(MESSAGE, sign("token-42"));
        SignatureMatch other = registry.findBySignature(MESSAGE, sign("token-7"));

        assertEquals("inst-42", first.installationId());
        assertEquals("inst-42", again.installationId());
        assertEquals("inst-7", other.installationId());
        assertEquals(
                SignatureMatch.Result.NO_MATCH,
                registry.findBySignature(MESSAGE, sign("token-50")).result());
    }

    @Test
    void recentSignerBecomesAmbiguousWhenShared() {
        registry.putConnected("inst-1", List.of("shared"));
        registry.publishChanges();
        assertEquals("inst-1", registry.findBySignature(MESSAGE, sign("shared")).installationId());

        registry.putConnected("inst-2", List.of("shared"));
        registry.publishChanges();

        assertEquals(
                SignatureMatch.Result.AMBIGUOUS,
                registry.findBySignature(MESSAGE, sign("shared")).result());
    }

    @Test
    void forgetsRecentSignerOnceRemoved() {
        registry.putConnected("inst-1", List.of("token-1"));
        registry.publishChanges();
        registry.findBySignature(MESSAGE, sign("token-1"));

        registry.remove("inst-1");
        registry.publishChanges();

        assertEquals(
                SignatureMatch.Result.NO_MATCH,
                registry.findBySignature(MESSAGE, sign("token-1")).result());
    }

    @Test
    void startsNotLoaded() {
        assertFalse(registry.isLoaded());

        registry.markLoaded();

        assertTrue(registry.isLoaded());
    }

    private static byte[] sign(String signingToken) {
        return IngressFixtures.hmac(signingToken, MESSAGE);
    }
}
