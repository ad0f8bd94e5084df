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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The connected installations and their signing keys, as read from the installation topic, and the
 * signature lookup over them.
 *
 * <p>One thread, the topic reader, changes the registry and then calls {@link #publishChanges()}.
 * Lookups read an immutable snapshot, so they never lock and never see half an update.
 */
@ApplicationScoped
public class InstallationRegistry {

    private final Map<String, Installation> pending = new HashMap<>();
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
     * Finds the connected installation whose signing key produced the signature, trying every key
     * in turn. The cost grows with the number of keys, and the per-installation URL avoids it.
     */
    public SignatureMatch findBySignature(byte[] message, byte[] signature) {
        Snapshot current = snapshot;
        for (int i = 0; i < current.keys.length; i++) {
            if (current.keys[i].verifies(message, signature)) {
                return current.keyShared[i]
                        ? SignatureMatch.AMBIGUOUS
                        : SignatureMatch.matched(current.keyOwners[i]);
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
        for (SigningKey key : installation.keys) {
            if (key.verifies(message, signature)) {
                return SignatureMatch.matched(installationId);
            }
        }
        return SignatureMatch.NO_MATCH;
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

    private record Installation(String id, List<SigningKey> keys, List<String> tokenFingerprints) {}

    /**
     * Immutable view used by lookups: the installations by id, and all their keys in flat arrays so
     * that the shared URL's scan touches no map.
     */
    private static final class Snapshot {
        final Map<String, Installation> byId;
        final SigningKey[] keys;
        final String[] keyOwners;
        final boolean[] keyShared;

        private Snapshot(
                Map<String, Installation> byId,
                SigningKey[] keys,
                String[] keyOwners,
                boolean[] keyShared) {
            this.byId = byId;
            this.keys = keys;
            this.keyOwners = keyOwners;
            this.keyShared = keyShared;
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
            int i = 0;
            for (Installation installation : installations.values()) {
                for (int k = 0; k < installation.keys.size(); k++) {
                    keys[i] = installation.keys.get(k);
                    owners[i] = installation.id;
                    shared[i] =
                            sharedByFingerprint.containsKey(installation.tokenFingerprints.get(k));
                    i++;
                }
            }
            return new Snapshot(Map.copyOf(installations), keys, owners, shared);
        }
    }
}
