package place.career.leversync.installation;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import place.career.events.SecretBox;
import place.career.leversync.common.SecretsConfig;

/**
 * Re-seals stored secrets under the active key after a key rotation, so that the previous key can
 * be removed from {@code cpl.secrets.keys} once this has run. A token refresh re-seals the OAuth
 * tokens as well; signing tokens are re-sealed only here, and their new form is published on
 * lever.installations.v1 for webhook-ingress.
 */
@ApplicationScoped
public class SecretResealer {

    private static final int BATCH_SIZE = 100;

    private final Pool pool;
    private final SecretBox secretBox;
    private final String activePrefix;
    private final InstallationPublisher publisher;

    SecretResealer(Pool pool, SecretBox secretBox, SecretsConfig secrets, InstallationPublisher publisher) {
        this.pool = pool;
        this.secretBox = secretBox;
        // The sealed form starts with the format version and the key id: v1.<keyId>.<data>.
        this.activePrefix = "v1." + secrets.activeKeyId() + ".";
        this.publisher = publisher;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> resealPeriodically() {
        return resealAll().replaceWithVoid().onFailure().recoverWithUni(error -> {
            Log.warnf(error, "Re-sealing secrets under the active key failed; next attempt in 10 min");
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Re-seals up to 100 installations that have a secret under another key and returns how many
     * changed. The scheduled run repeats every 10 minutes, so larger backlogs take several runs.
     */
    public Uni<Integer> resealAll() {
        String sql = "select id from lever_sync.installation where access_token_sealed not like $1"
                + " or refresh_token_sealed not like $1"
                + " or exists (select 1 from unnest(signing_tokens_sealed) as token where token not like $1)"
                + " limit $2";
        return pool.preparedQuery(sql).execute(Tuple.of(activePrefix + "%", BATCH_SIZE))
                .chain(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("id")));
                    return Multi.createFrom().iterable(ids)
                            .onItem().transformToUniAndConcatenate(this::reseal)
                            .collect().asList();
                })
                .chain(changed -> {
                    int count = (int) changed.stream().filter(Boolean::booleanValue).count();
                    if (count == 0) {
                        return Uni.createFrom().item(0);
                    }
                    Log.infof("Re-sealed the secrets of %d installations under key id prefix %s", count, activePrefix);
                    return publisher.publishPending().onFailure().recoverWithNull().replaceWith(count);
                });
    }

    private Uni<Boolean> reseal(String installationId) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select access_token_sealed, refresh_token_sealed, signing_tokens_sealed"
                        + " from lever_sync.installation where id = $1 for update")
                .execute(Tuple.of(installationId))
                .chain(rows -> rows.iterator().hasNext()
                        ? update(connection, installationId, rows.iterator().next())
                        : Uni.createFrom().item(false)))
                .onFailure().recoverWithItem(error -> {
                    // Usually a key id that is no longer configured; the value stays as it is.
                    Log.errorf(error, "Re-sealing the secrets of an installation failed installationId=%s",
                            installationId);
                    return false;
                });
    }

    private Uni<Boolean> update(SqlConnection connection, String installationId, Row row) {
        String[] signing = row.getArrayOfStrings("signing_tokens_sealed");
        List<String> signingTokens = signing == null ? List.of() : Arrays.asList(signing);
        boolean signingChanged = signingTokens.stream().anyMatch(secretBox::needsResealing);
        String sql = "update lever_sync.installation set access_token_sealed = $2, refresh_token_sealed = $3,"
                + " signing_tokens_sealed = $4"
                + (signingChanged ? ", state_version = state_version + 1" : "")
                + " where id = $1";
        Tuple parameters = Tuple.tuple()
                .addString(installationId)
                .addString(resealed(row.getString("access_token_sealed")))
                .addString(resealed(row.getString("refresh_token_sealed")))
                .addArrayOfString(signingTokens.stream().map(this::resealed).toArray(String[]::new));
        return connection.preparedQuery(sql).execute(parameters).replaceWith(true);
    }

    /** Returns the value sealed under the active key; null and current values are returned as they are. */
    private String resealed(String sealed) {
        if (sealed == null || !secretBox.needsResealing(sealed)) {
            return sealed;
        }
        return secretBox.seal(secretBox.open(sealed));
    }
}
