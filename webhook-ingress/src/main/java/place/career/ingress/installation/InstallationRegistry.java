package place.career.ingress.installation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The connected installations and their signing keys, as read from the installation topic, and the
 * signature lookup over them.
 *
 * <p>One thread, the topic reader, changes the registry and then calls {@link #publishChanges()}.
 * Lookups read an immutable snapshot, so they never lock and never see half an update.
 */
@ApplicationScoped
public class InstallationRegistry {

    /** How many recently matched installations the shared URL tries before scanning all keys. */
    static final int RECENT_SIGNERS = 32;

    private final Map<String, Installation> pending = new HashMap<>();
    private final AtomicReferenceArray<String> recentSigners =
            new AtomicReferenceArray<>(RECENT_SIGNERS);
    private final AtomicInteger nextRecentSlot = new AtomicInteger();
    private volatile Snapshot snapshot = Snapshot.build(Map.of());
    private volatile boolean loaded;

    @Inject MeterRegistry meters;

    @PostConstruct
    void registerGauges() {
        Gauge.builder(
                        "ingress.installations.connected",
                        this,
                        registry -> registry.snapshot.byId.size())
                .description("Connected installations whose webhooks the ingress accepts")
                .register(meters);
        Gauge.builder(
                        "ingress.installations.signing.keys",
                        this,
                        registry -> registry.snapshot.keys.length)
                .description("Signing keys the shared webhook URL tries for each delivery")
                .register(meters);
    }

    /**
     * Finds the connected installation whose signing key produced the signature. Installations that
     * verified recent deliveries are tried first, which helps when one Lever account sends several
     * events in a row. Otherwise every key is tried in turn, so the cost grows with the number of
     * keys. The per-installation URL avoids that scan.
     */
    public SignatureMatch findBySignature(byte[] message, byte[] signature) {
        Snapshot current = snapshot;
        String recentSigner = findAmongRecentSigners(current, message, signature);
        if (recentSigner != null) {
            return SignatureMatch.matched(recentSigner);
        }
        for (int i = 0; i < current.keys.length; i++) {
            if (current.keys[i].verifies(message, signature)) {
                if (current.keyShared[i]) {
                    return SignatureMatch.AMBIGUOUS;
                }
                rememberSigner(current.keyOwners[i]);
                return SignatureMatch.matched(current.keyOwners[i]);
            }
        }
        return SignatureMatch.NO_MATCH;
    }

    /** Verifies the signature with the keys of one installation only. */
    public SignatureMatch verifyFor(String installationId, byte[] message, byte[] signature) {
        Installation installation = snapshot.byId.get(installationId);
        if (installation == null) {
            return SignatureMatch.UNKNOWN_INSTALLATION;
        }
        return installation.verifies(message, signature)
                ? SignatureMatch.matched(installationId)
                : SignatureMatch.NO_MATCH;
    }

    /**
     * Returns the recent signer whose key verifies the signature, or null. Installations with a key
     * shared with another installation are left to the full scan, which reports them as ambiguous.
     */
    private String findAmongRecentSigners(Snapshot current, byte[] message, byte[] signature) {
        for (int i = 0; i < RECENT_SIGNERS; i++) {
            String installationId = recentSigners.get(i);
            if (installationId == null || current.withSharedKeys.contains(installationId)) {
                continue;
            }
            Installation installation = current.byId.get(installationId);
            if (installation != null && installation.verifies(message, signature)) {
                return installationId;
            }
        }
        return null;
    }

    private void rememberSigner(String installationId) {
        for (int i = 0; i < RECENT_SIGNERS; i++) {
            if (installationId.equals(recentSigners.get(i))) {
                return;
            }
        }
        // Concurrent callers may both add the same id, and the copy costs only one extra check.
        int slot = Math.floorMod(nextRecentSlot.getAndIncrement(), RECENT_SIGNERS);
        recentSigners.set(slot, installationId);
    }

    /** Returns whether the installation topic has been read up to its end as of start-up. */
    public boolean isLoaded() {
        return loaded;
    }

    /** Returns how many installations are connected now. */
    public int connectedCount() {
        return snapshot.byId.size();
    }

    /**
     * Records a connected installation and its plain signing tokens, visible after {@link
     * #publishChanges()}.
     */
    void putConnected(String installationId, List<String> signingTokens) {
        List<SigningKey> keys = new ArrayList<>(signingTokens.size());
        List<String> fingerprints = new ArrayList<>(signingTokens.size());
        for (String token : signingTokens) {
            keys.add(new SigningKey(token));
            fingerprints.add(fingerprint(token));
        }
        pending.put(
                installationId,
                new Installation(installationId, List.copyOf(keys), List.copyOf(fingerprints)));
    }

    /**
     * Forgets an installation that is deleted, revoked or disconnected, visible after {@link
     * #publishChanges()}.
     */
    void remove(String installationId) {
        pending.remove(installationId);
    }

    /** Makes the changes since the last call visible to lookups. */
    void publishChanges() {
        snapshot = Snapshot.build(pending);
    }

    void markLoaded() {
        loaded = true;
    }

    private static String fingerprint(String token) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    private record Installation(String id, List<SigningKey> keys, List<String> tokenFingerprints) {

        boolean verifies(byte[] message, byte[] signature) {
            for (SigningKey key : keys) {
                if (key.verifies(message, signature)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Immutable view used by lookups: the installations by id, and all their keys in flat arrays so
     * that the shared URL's scan touches no map.
     */
    private static final class Snapshot {
        final Map<String, Installation> byId;
        final SigningKey[] keys;
        final String[] keyOwners;
        final boolean[] keyShared;
        final Set<String> withSharedKeys;

        private Snapshot(
                Map<String, Installation> byId,
                SigningKey[] keys,
                String[] keyOwners,
                boolean[] keyShared,
                Set<String> withSharedKeys) {
            this.byId = byId;
            this.keys = keys;
            this.keyOwners = keyOwners;
            this.keyShared = keyShared;
            this.withSharedKeys = withSharedKeys;
        }

        static Snapshot build(Map<String, Installation> installations) {
            Map<String, String> ownerByFingerprint = new HashMap<>();
            Map<String, Boolean> sharedByFingerprint = new HashMap<>();
            int keyCount = 0;
            for (Installation installation : installations.values()) {
                keyCount += installation.keys.size();
                for (String fingerprint : installation.tokenFingerprints) {
                    String owner = ownerByFingerprint.putIfAbsent(fingerprint, installation.id);
                    if (owner != null && !owner.equals(installation.id)) {
                        sharedByFingerprint.put(fingerprint, true);
                    }
                }
            }

            SigningKey[] keys = new SigningKey[keyCount];
            String[] owners = new String[keyCount];
            boolean[] shared = new boolean[keyCount];
            Set<String> withSharedKeys = new HashSet<>();
            int i = 0;
            for (Installation installation : installations.values()) {
                for (int k = 0; k < installation.keys.size(); k++) {
                    keys[i] = installation.keys.get(k);
                    owners[i] = installation.id;
                    shared[i] =
                            sharedByFingerprint.containsKey(installation.tokenFingerprints.get(k));
                    if (shared[i]) {
                        withSharedKeys.add(installation.id);
                    }
                    i++;
                }
            }
            return new Snapshot(
                    Map.copyOf(installations), keys, owners, shared, Set.copyOf(withSharedKeys));
        }
    }
}
