package place.career.notifier.timer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import place.career.notifier.config.NotifierConfig;
import place.career.notifier.mail.MailComposer;
import place.career.notifier.mail.SendRateLimiter;
import place.career.notifier.mail.SmtpFailure;
import place.career.notifier.outcome.OutcomeService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due invitation and reminder e-mails from a pool of sender threads. Each thread claims a
 * small batch of timers at a time, so a slow or failing recipient holds up one thread, never the
 * others.
 *
 * <p>Per mail: claim, decide, record the intent (SENDING and the Message-ID), send, record the
 * reply. Only a failure that proves the mail was not accepted (no connection, or an SMTP error
 * reply) leads to a retry. A send that breaks without a reply, and a replica that dies while
 * sending, leave the mail UNCERTAIN, so the candidate may miss that one e-mail but never gets it
 * twice.
 */
@ApplicationScoped
public class MailDispatcher {

    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final TimerRepository timers;
    private final MailComposer composer;
    private final ReactiveMailer mailer;
    private final OutcomeService outcomes;
    private final SendRateLimiter rateLimiter;
    private final MailWakeUp wakeUp;
    private final Clock clock;
    private final NotifierConfig config;
    private final String owner;
    private final MeterRegistry metrics;
    private final Timer lagTimer;
    private final AtomicInteger consecutiveOutages = new AtomicInteger();
    private volatile long outageUntilNanos;
    private volatile boolean running;
    private ExecutorService senders;

    public MailDispatcher(
            TimerRepository timers,
            MailComposer composer,
            ReactiveMailer mailer,
            OutcomeService outcomes,
            SendRateLimiter rateLimiter,
            MailWakeUp wakeUp,
            Clock clock,
            NotifierConfig config,
            InstanceId instanceId,
            MeterRegistry metrics) {
        this.timers = timers;
        this.composer = composer;
        this.mailer = mailer;
        this.outcomes = outcomes;
        this.rateLimiter = rateLimiter;
        this.wakeUp = wakeUp;
        this.clock = clock;
        this.config = config;
        this.owner = instanceId.value();
        this.metrics = metrics;
        this.lagTimer =
                Timer.builder("notifier.mail.lag")
                        .description(
                                "Clock time from a mail's due instant to its acceptance by the SMTP"
                                        + " server")
                        .publishPercentiles(0.5, 0.99)
                        .register(metrics);
    }

    void start(@Observes StartupEvent event) {
        int threads = config.mail().concurrentSends();
        running = true;
        senders =
                Executors.newFixedThreadPool(
                        threads,
                        runnable -> {
                            Thread thread = new Thread(runnable, "notifier-mail-sender");
                            thread.setDaemon(true);
                            return thread;
                        });
        for (int i = 0; i < threads; i++) {
            senders.submit(this::runSender);
        }
        Log.infof(
                "Mail senders started: instanceId=%s threads=%d ratePerSecond=%.1f",
                owner, threads, config.mail().ratePerSecond());
    }

    // Lets senders finish the mail in hand, so that a normal stop leaves no mail UNCERTAIN.
    // Claims still waiting in a batch go back to the queue for another replica.
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeUp.signal();
        senders.shutdown();
        if (!senders.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            Log.warnf(
                    "Mail senders still busy after %s, interrupting them: instanceId=%s",
                    SHUTDOWN_GRACE, owner);
            senders.shutdownNow();
        }
        Log.infof("Mail senders stopped: instanceId=%s", owner);
    }

    private void runSender() {
        while (running) {
            try {
                boolean handled = sendNext();
                if (!handled) {
                    wakeUp.await(config.timers().pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Log.errorf(e, "Mail sender failed, polling again later: instanceId=%s", owner);
                sleepQuietly(config.timers().pollInterval());
            }
        }
    }

    // Returns false when no mail was due.
    private boolean sendNext() throws InterruptedException {
        waitOutOutage();
        List<ClaimedMail> mails =
                timers.claimNextMails(
                                clock.instant(),
                                owner,
                                config.timers().lease(),
                                config.timers().claimBatch())
                        .await()
                        .atMost(DATABASE_TIMEOUT);
        for (ClaimedMail mail : mails) {
            if (running) {
                handle(mail);
            } else {
                Instant now = clock.instant();
                timers.releaseClaimed(mail, owner, now, "released at shutdown")
                        .await()
                        .atMost(DATABASE_TIMEOUT);
            }
        }
        return !mails.isEmpty();
    }

    private void handle(ClaimedMail mail) throws InterruptedException {
        Instant now = clock.instant();
        MailDecision decision =
                MailDecision.decide(
                        mail,
                        now,
                        config.schedule().skipReminderWithin(),
                        config.schedule().minimumGap());
        if (!decision.send()) {
            timers.finishClaimed(mail, owner, TimerState.SKIPPED, decision.reason(), now)
                    .await()
                    .atMost(DATABASE_TIMEOUT);
            count("skipped");
            Log.infof(
                    "Mail skipped: funnelId=%s kind=%s sequence=%d reason=%s",
                    mail.funnelId(), mail.kind(), mail.sequence(), decision.reason());
            return;
        }
        String messageId = mail.messageId(config.mail().messageIdDomain());
        Mail message;
        try {
            message = composer.compose(mail, messageId);
        } catch (RuntimeException e) {
            Instant retryAt = now.plus(backoff(mail.attempts()));
            timers.releaseClaimed(mail, owner, retryAt, "writing the e-mail failed")
                    .await()
                    .atMost(DATABASE_TIMEOUT);
            Log.errorf(
                    e,
                    "Writing the e-mail failed, retrying: funnelId=%s kind=%s sequence=%d"
                            + " retryAt=%s",
                    mail.funnelId(),
                    mail.kind(),
                    mail.sequence(),
                    retryAt);
            return;
        }
        rateLimiter.acquire();
        boolean mayStillSend =
                timers.markSending(mail, owner, messageId, clock.instant())
                        .await()
                        .atMost(DATABASE_TIMEOUT);
        if (!mayStillSend) {
            Log.infof(
                    "Mail not sent, its claim was cancelled or it was already handed to SMTP:"
                            + " funnelId=%s kind=%s sequence=%d",
                    mail.funnelId(), mail.kind(), mail.sequence());
            return;
        }
        send(mail, messageId, message);
    }

    private void send(ClaimedMail mail, String messageId, Mail message) {
        try {
            mailer.send(message).await().atMost(config.mail().sendTimeout());
        } catch (RuntimeException e) {
            onSendFailure(mail, messageId, SmtpFailure.classify(e), e);
            return;
        }
        Instant acceptedAt = clock.instant();
        timers.recordAccepted(mail, messageId, acceptedAt).await().atMost(DATABASE_TIMEOUT);
        consecutiveOutages.set(0);
        lagTimer.record(Duration.between(mail.dueAt(), acceptedAt).abs());
        count("accepted");
        Log.infof(
                "Mail sent: funnelId=%s kind=%s sequence=%d attempts=%d",
                mail.funnelId(), mail.kind(), mail.sequence(), mail.attempts());
    }

    private void onSendFailure(
            ClaimedMail mail, String messageId, SmtpFailure failure, RuntimeException error) {
        Instant now = clock.instant();
        switch (failure.kind()) {
            case RECIPIENT_REJECTED -> {
                outcomes.recordBounce(mail, messageId, failure.reply())
                        .await()
                        .atMost(DATABASE_TIMEOUT);
                count("bounced");
                Log.infof(
                        "Mail bounced, schedule stopped: funnelId=%s kind=%s sequence=%d reply=%s",
                        mail.funnelId(), mail.kind(), mail.sequence(), failure.reply());
            }
            case UNKNOWN -> {
                timers.recordUncertain(mail, messageId, failure.reply(), now)
                        .await()
                        .atMost(DATABASE_TIMEOUT);
                count("uncertain");
                Log.warnf(
                        error,
                        "Mail outcome unknown, it will not be sent again: funnelId=%s kind=%s"
                                + " sequence=%d",
                        mail.funnelId(),
                        mail.kind(),
                        mail.sequence());
            }
            default -> retryLater(mail, messageId, failure, now);
        }
    }

    private void retryLater(ClaimedMail mail, String messageId, SmtpFailure failure, Instant now) {
        if (failure.kind() == SmtpFailure.Kind.UNREACHABLE) {
            startOutagePause();
        }
        Instant fireAt = now.plus(backoff(mail.attempts()));
        timers.retryLater(mail, owner, messageId, fireAt, failure.reply(), now)
                .await()
                .atMost(DATABASE_TIMEOUT);
        count("retried");
        String message =
                "Mail not accepted, retrying: funnelId=%s kind=%s sequence=%d attempts=%d"
                        + " failure=%s reply=%s retryAt=%s";
        Object[] arguments = {
            mail.funnelId(),
            mail.kind(),
            mail.sequence(),
            mail.attempts(),
            failure.kind(),
            failure.reply(),
            fireAt
        };
        if (failure.kind() == SmtpFailure.Kind.PERMANENT_OTHER) {
            Log.errorf(message, arguments);
        } else {
            Log.warnf(message, arguments);
        }
    }

    /**
     * Returns the backoff after the given number of attempts: doubling from the initial value,
     * capped.
     */
    Duration backoff(int attempts) {
        Duration backoff = config.mail().initialBackoff();
        Duration max = config.mail().maxBackoff();
        for (int i = 1; i < attempts && backoff.compareTo(max) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(max) > 0 ? max : backoff;
    }

    // Every sender stops claiming for a while once the SMTP server is unreachable, so an outage
    // costs a few failed attempts instead of one per due mail.
    private void startOutagePause() {
        int outages = Math.min(consecutiveOutages.incrementAndGet(), 6);
        long pauseNanos = config.mail().outagePause().toNanos() << (outages - 1);
        outageUntilNanos = System.nanoTime() + pauseNanos;
    }

    private void waitOutOutage() throws InterruptedException {
        long remaining = outageUntilNanos - System.nanoTime();
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }

    private void count(String result) {
        metrics.counter("notifier.mails", "result", result).increment();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
