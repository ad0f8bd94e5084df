package place.career.leversync.connect;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The OAuth {@code state} values of started connects, in {@code lever_sync.oauth_state}. A state
 * is 256 random bits, bound to the organisation and admin who started the connect, valid for
 * {@code leversync.connect.state-lifetime}, and usable once. Only its SHA-256 hash is stored.
 */
@ApplicationScoped
public class ConnectStates {

    private static final int STATE_BYTES = 32;
    /** Used and expired states are kept this long for support questions, then deleted. */
    private static final Duration RETENTION = Duration.ofDays(1);

    private final SecureRandom random = new SecureRandom();
    private final Pool pool;
    private final Clock clock;

    ConnectStates(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Creates and stores a new state for the admin; returns the plain value for the authorize URL. */
    public Uni<String> create(String organizationId, String userId, Instant expiresAt) {
        byte[] bytes = new byte[STATE_BYTES];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return pool.preparedQuery("insert into lever_sync.oauth_state (state_hash, organization_id, user_id,"
                        + " created_at, expires_at) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(hash(state), organizationId, userId, clock.instant().atOffset(ZoneOffset.UTC),
                        expiresAt.atOffset(ZoneOffset.UTC)))
                .replaceWith(state);
    }

    /**
     * Uses up a state and returns what it is bound to, or null when the value is unknown or was
     * used before. The expiry is not checked here, so the caller must check it. A state is
     * returned at most once, even when it has expired.
     */
    public Uni<ConnectState> consume(String state) {
        return pool.preparedQuery("update lever_sync.oauth_state set used_at = $2"
                        + " where state_hash = $1 and used_at is null"
                        + " returning organization_id, user_id, expires_at")
                .execute(Tuple.of(hash(state), clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().hasNext() ? map(rows.iterator().next()) : null);
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> deleteOldStates() {
        Instant cutoff = clock.instant().minus(RETENTION);
        return pool.preparedQuery("delete from lever_sync.oauth_state where expires_at < $1")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .invoke(rows -> Log.debugf("Deleted old connect states count=%d", rows.rowCount()))
                .replaceWithVoid()
                .onFailure().recoverWithUni(error -> {
                    Log.warnf(error, "Deleting old connect states failed; next attempt in 1 h");
                    return Uni.createFrom().voidItem();
                });
    }

    /** Returns the SHA-256 hash of a state value as lower-case hex. */
    static String hash(String state) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static ConnectState map(Row row) {
        return new ConnectState(row.getString("organization_id"), row.getString("user_id"),
                row.getOffsetDateTime("expires_at").toInstant());
    }

    /** The organisation and admin that started a connect, and when its state expires. */
    public record ConnectState(String organizationId, String userId, Instant expiresAt) {}
}
