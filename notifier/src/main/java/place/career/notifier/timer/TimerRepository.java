package place.career.notifier.timer;

import static place.career.notifier.db.Timestamps.instant;
import static place.career.notifier.db.Timestamps.utc;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Claims and state changes of mail timers. A claim is a row lock taken with {@code FOR UPDATE SKIP
 * LOCKED} and turned into a lease, so any number of replicas can poll one table and each due timer
 * is claimed by exactly one of them. Every later change checks the owner, so a replica whose lease
 * was reconciled away cannot overwrite the new owner's work.
 */
@ApplicationScoped
public class TimerRepository {

    // Mails of one candidate go out in sequence: a mail waits while an earlier one is unfinished.
    // Mails of installations that are not CONNECTED wait too. OFFSET 0 keeps PostgreSQL from
    // turning each NOT EXISTS into an anti join. With statistics that are stale after a bulk
    // insert, that join scanned the whole timer table on every claim (700 ms for 100,000 rows,
    // against 0.2 ms for the per-row index probe, measured on PostgreSQL 15).
    private static final String CLAIM_NEXT_MAIL =
            """
            WITH next AS (
                SELECT t.id FROM notifier.timer t
                WHERE t.state = 'PENDING' AND t.fire_at <= $1 AND t.kind <> 'OPT_OUT'
                  AND NOT EXISTS (SELECT 1 FROM notifier.installation i
                                  WHERE i.installation_id = t.installation_id
                                      AND i.status <> 'CONNECTED'
                                  OFFSET 0)
                  AND NOT EXISTS (SELECT 1 FROM notifier.timer e
                                  WHERE e.funnel_id = t.funnel_id AND e.kind <> 'OPT_OUT'
                                    AND e.sequence < t.sequence
                                    AND e.state IN ('PENDING', 'CLAIMED', 'SENDING')
                                  OFFSET 0)
                ORDER BY t.fire_at, t.id
                LIMIT $4
                FOR UPDATE OF t SKIP LOCKED)
            UPDATE notifier.timer t
            SET state = 'CLAIMED', owner = $2, attempts = t.attempts + 1,
                lease_until = clock_timestamp() + $3 * INTERVAL '1 millisecond'
            FROM next WHERE t.id = next.id
            RETURNING t.id, t.funnel_id, t.kind, t.sequence, t.due_at, t.attempts\
            """;

    private static final String LOAD_CONTEXT =
            """
            SELECT i.invitation_id, i.job_title, i.candidate_name, i.candidate_email,
                i.unsubscribe_token,
                   i.opt_out_at, i.stop_reason,
                   (SELECT max(COALESCE(m.accepted_at, m.updated_at)) FROM notifier.mail_log m
                    WHERE m.funnel_id = i.funnel_id AND m.state IN ('ACCEPTED', 'SENDING',
                        'UNCERTAIN'))
                       AS last_mail_at,
                   EXISTS (SELECT 1 FROM notifier.timer l
                           WHERE l.funnel_id = i.funnel_id AND l.kind = 'REMINDER'
                               AND l.sequence > $2
                             AND l.state = 'PENDING' AND l.due_at <= $3) AS later_reminder_due
            FROM notifier.invitation i WHERE i.funnel_id = $1\
            """;

    private static final String FINISH_CLAIMED =
            """
            UPDATE notifier.timer SET state = $3, finished_at = $4, detail = $5, lease_until = NULL
            WHERE id = $1 AND state = 'CLAIMED' AND owner = $2\
            """;

    private static final String RELEASE_CLAIMED =
            """
            UPDATE notifier.timer SET state = 'PENDING', fire_at = $3, detail = $4, owner = NULL,
                lease_until = NULL
            WHERE id = $1 AND state = 'CLAIMED' AND owner = $2\
            """;

    private static final String MARK_SENDING =
            """
            UPDATE notifier.timer SET state = 'SENDING'
            WHERE id = $1 AND state = 'CLAIMED' AND owner = $2\
            """;

    // Only a mail whose earlier attempt provably failed may be sent again.
    private static final String RECORD_INTENT =
            """
            INSERT INTO notifier.mail_log (message_id, timer_id, funnel_id, state, attempts,
                updated_at)
            VALUES ($1, $2, $3, 'SENDING', 1, $4)
            ON CONFLICT (message_id) DO UPDATE SET state = 'SENDING',
                attempts = mail_log.attempts + 1,
                updated_at = EXCLUDED.updated_at
            WHERE mail_log.state = 'RETRYING'\
            """;

    private static final String FINISH_SENDING =
            """
            UPDATE notifier.timer SET state = $2, finished_at = $3, detail = $4, lease_until = NULL
            WHERE id = $1 AND state IN ('SENDING', 'UNCERTAIN')\
            """;

    private static final String RETRY_SENDING =
            """
            UPDATE notifier.timer SET state = 'PENDING', fire_at = $3, detail = $4, owner = NULL,
                lease_until = NULL
            WHERE id = $1 AND state = 'SENDING' AND owner = $2\
            """;

    private static final String UPDATE_MAIL_LOG =
            """
            UPDATE notifier.mail_log SET state = $2, smtp_reply = $3, updated_at = $4,
                accepted_at = CASE WHEN $2 = 'ACCEPTED' THEN $4 ELSE accepted_at END
            WHERE message_id = $1\
            """;

    private static final String RELEASE_EXPIRED_CLAIMS =
            """
            UPDATE notifier.timer SET state = 'PENDING', owner = NULL, lease_until = NULL
            WHERE state = 'CLAIMED' AND lease_until < clock_timestamp()\
            """;

    // The owner died after the mail was handed to SMTP, or while it was, so it may have gone out.
    private static final String ABANDON_EXPIRED_SENDS =
            """
            UPDATE notifier.timer SET state = 'UNCERTAIN', finished_at = $1, lease_until = NULL,
                detail = 'owner lost during SMTP send'
            WHERE state = 'SENDING' AND lease_until < clock_timestamp()
            RETURNING id\
            """;

    private static final String ABANDON_MAIL_LOG =
            """
            UPDATE notifier.mail_log SET state = 'UNCERTAIN', updated_at = $2
            WHERE timer_id = ANY($1) AND state = 'SENDING'\
            """;

    private final Pool pool;

    public TimerRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims up to {@code limit} mail timers that are due and free to go, earliest first, and loads
     * their invitations.
     *
     * @return the claimed mails in due order, empty when no mail is due
     */
    public Uni<List<ClaimedMail>> claimNextMails(
            Instant now, String owner, Duration lease, int limit) {
        Tuple arguments = Tuple.of(utc(now), owner, lease.toMillis(), limit);
        return pool.withTransaction(connection -> claim(connection, arguments, now))
                .map(TimerRepository::inDueOrder);
    }

    private Uni<List<ClaimedMail>> claim(SqlConnection connection, Tuple arguments, Instant now) {
        Multi<Row> claimed =
                connection
                        .preparedQuery(CLAIM_NEXT_MAIL)
                        .execute(arguments)
                        .onItem()
                        .transformToMulti(rows -> Multi.createFrom().iterable(rows));
        return claimed.onItem()
                .transformToUniAndConcatenate(timer -> loadContext(connection, timer, now))
                .collect()
                .asList();
    }

    private static List<ClaimedMail> inDueOrder(List<ClaimedMail> mails) {
        List<ClaimedMail> sorted = new ArrayList<>(mails);
        sorted.sort(Comparator.comparing(ClaimedMail::dueAt).thenComparing(ClaimedMail::timerId));
        return sorted;
    }

    private Uni<ClaimedMail> loadContext(SqlConnection connection, Row timer, Instant now) {
        String funnelId = timer.getString("funnel_id");
        int sequence = timer.getInteger("sequence");
        return connection
                .preparedQuery(LOAD_CONTEXT)
                .execute(Tuple.of(funnelId, sequence, utc(now)))
                .map(rows -> toClaimedMail(timer, rows.iterator().next()));
    }

    private static ClaimedMail toClaimedMail(Row timer, Row invitation) {
        return new ClaimedMail(
                timer.getLong("id"),
                timer.getString("funnel_id"),
                TimerKind.valueOf(timer.getString("kind")),
                timer.getInteger("sequence"),
                instant(timer.getOffsetDateTime("due_at")),
                timer.getInteger("attempts"),
                invitation.getString("invitation_id"),
                invitation.getString("job_title"),
                invitation.getString("candidate_name"),
                invitation.getString("candidate_email"),
                invitation.getString("unsubscribe_token"),
                instant(invitation.getOffsetDateTime("opt_out_at")),
                invitation.getString("stop_reason"),
                instant(invitation.getOffsetDateTime("last_mail_at")),
                invitation.getBoolean("later_reminder_due"));
    }

    /** Finishes a claimed timer without sending, for example SKIPPED with the reason in detail. */
    public Uni<Boolean> finishClaimed(
            ClaimedMail mail, String owner, TimerState state, String detail, Instant now) {
        return pool.preparedQuery(FINISH_CLAIMED)
                .execute(Tuple.of(mail.timerId(), owner, state.name(), utc(now), detail))
                .map(TimerRepository::changedOne);
    }

    /**
     * Puts a claimed timer that was never handed to SMTP back in the queue, to fire at {@code
     * fireAt}.
     */
    public Uni<Boolean> releaseClaimed(
            ClaimedMail mail, String owner, Instant fireAt, String detail) {
        return pool.preparedQuery(RELEASE_CLAIMED)
                .execute(Tuple.of(mail.timerId(), owner, utc(fireAt), detail))
                .map(TimerRepository::changedOne);
    }

    /**
     * Records the intent to send: the timer moves to SENDING and the mail log gets the Message-ID.
     * From here on a crash leaves the mail UNCERTAIN, never sent a second time.
     *
     * @return false when the claim was lost (cancelled or reconciled) or the Message-ID was already
     *     handed to SMTP; the caller must not send then
     */
    public Uni<Boolean> markSending(ClaimedMail mail, String owner, String messageId, Instant now) {
        return pool.withTransaction(
                connection -> markSending(connection, mail, owner, messageId, now));
    }

    private Uni<Boolean> markSending(
            SqlConnection connection,
            ClaimedMail mail,
            String owner,
            String messageId,
            Instant now) {
        Uni<RowSet<Row>> marked =
                connection.preparedQuery(MARK_SENDING).execute(Tuple.of(mail.timerId(), owner));
        return marked.chain(
                rows -> {
                    if (!changedOne(rows)) {
                        return Uni.createFrom().item(false);
                    }
                    return recordIntent(connection, mail, messageId, now);
                });
    }

    private Uni<Boolean> recordIntent(
            SqlConnection connection, ClaimedMail mail, String messageId, Instant now) {
        Tuple intent = Tuple.of(messageId, mail.timerId(), mail.funnelId(), utc(now));
        Uni<RowSet<Row>> recorded = connection.preparedQuery(RECORD_INTENT).execute(intent);
        return recorded.chain(
                rows -> {
                    if (changedOne(rows)) {
                        return Uni.createFrom().item(true);
                    }
                    String detail = "message already in mail log";
                    return finishSending(connection, mail, TimerState.UNCERTAIN, detail, now)
                            .replaceWith(false);
                });
    }

    /** Records that the SMTP server accepted the mail. */
    public Uni<Void> recordAccepted(ClaimedMail mail, String messageId, Instant now) {
        MailResult result =
                new MailResult(TimerState.DONE, "accepted", MailLogState.ACCEPTED, null);
        return pool.withTransaction(connection -> finish(connection, mail, messageId, result, now));
    }

    /** Records that the SMTP outcome is unknown, so the mail is never sent again. */
    public Uni<Void> recordUncertain(
            ClaimedMail mail, String messageId, String detail, Instant now) {
        MailResult result =
                new MailResult(TimerState.UNCERTAIN, detail, MailLogState.UNCERTAIN, detail);
        return pool.withTransaction(connection -> finish(connection, mail, messageId, result, now));
    }

    /** Records a permanent rejection on the given connection. The caller stops the schedule. */
    public Uni<Void> recordRejected(
            SqlConnection connection,
            ClaimedMail mail,
            String messageId,
            String reply,
            Instant now) {
        MailResult result = new MailResult(TimerState.BOUNCED, reply, MailLogState.REJECTED, reply);
        return finish(connection, mail, messageId, result, now);
    }

    /**
     * Puts a mail that provably was not accepted back in the queue, to be retried at {@code
     * fireAt}.
     */
    public Uni<Void> retryLater(
            ClaimedMail mail,
            String owner,
            String messageId,
            Instant fireAt,
            String reply,
            Instant now) {
        Tuple retry = Tuple.of(mail.timerId(), owner, utc(fireAt), reply);
        MailResult retrying =
                new MailResult(TimerState.PENDING, reply, MailLogState.RETRYING, reply);
        return pool.withTransaction(
                connection ->
                        connection
                                .preparedQuery(RETRY_SENDING)
                                .execute(retry)
                                .chain(() -> updateMailLog(connection, messageId, retrying, now)));
    }

    private Uni<Void> finish(
            SqlConnection connection,
            ClaimedMail mail,
            String messageId,
            MailResult result,
            Instant now) {
        return finishSending(connection, mail, result.timerState(), result.detail(), now)
                .chain(() -> updateMailLog(connection, messageId, result, now));
    }

    private Uni<Void> finishSending(
            SqlConnection connection,
            ClaimedMail mail,
            TimerState state,
            String detail,
            Instant now) {
        return connection
                .preparedQuery(FINISH_SENDING)
                .execute(Tuple.of(mail.timerId(), state.name(), utc(now), detail))
                .replaceWithVoid();
    }

    private Uni<Void> updateMailLog(
            SqlConnection connection, String messageId, MailResult result, Instant now) {
        Tuple update =
                Tuple.of(messageId, result.mailLogState().name(), result.smtpReply(), utc(now));
        return connection.preparedQuery(UPDATE_MAIL_LOG).execute(update).replaceWithVoid();
    }

    /**
     * Reconciles claims whose lease expired because their owner died or stalled. Claims that never
     * reached SMTP go back to the queue, and sends that were under way become UNCERTAIN.
     */
    public Uni<ReconcileResult> reconcile(Instant now) {
        return pool.withTransaction(connection -> reconcile(connection, now));
    }

    private Uni<ReconcileResult> reconcile(SqlConnection connection, Instant now) {
        Uni<RowSet<Row>> released = connection.query(RELEASE_EXPIRED_CLAIMS).execute();
        return released.chain(
                releasedRows ->
                        abandonExpiredSends(connection, now)
                                .map(
                                        uncertain ->
                                                new ReconcileResult(
                                                        releasedRows.rowCount(), uncertain)));
    }

    private Uni<Integer> abandonExpiredSends(SqlConnection connection, Instant now) {
        Uni<RowSet<Row>> abandoned =
                connection.preparedQuery(ABANDON_EXPIRED_SENDS).execute(Tuple.of(utc(now)));
        return abandoned
                .call(
                        rows ->
                                connection
                                        .preparedQuery(ABANDON_MAIL_LOG)
                                        .execute(Tuple.of(timerIds(rows), utc(now))))
                .map(rows -> rows.rowCount());
    }

    private static Long[] timerIds(RowSet<Row> rows) {
        Long[] ids = new Long[rows.rowCount()];
        int i = 0;
        for (Row row : rows) {
            ids[i++] = row.getLong("id");
        }
        return ids;
    }

    private static boolean changedOne(RowSet<Row> rows) {
        return rows.rowCount() == 1;
    }

    /**
     * What one send attempt leaves in the timer table and the mail log.
     *
     * @param timerState the timer's new state
     * @param detail the timer's detail column
     * @param mailLogState the Message-ID's new state in the mail log
     * @param smtpReply the SMTP reply code to record, or null
     */
    private record MailResult(
            TimerState timerState, String detail, MailLogState mailLogState, String smtpReply) {}

    /**
     * Counts of one reconciliation pass.
     *
     * @param released claims returned to the queue
     * @param uncertain sends marked UNCERTAIN
     */
    public record ReconcileResult(int released, int uncertain) {}
}
