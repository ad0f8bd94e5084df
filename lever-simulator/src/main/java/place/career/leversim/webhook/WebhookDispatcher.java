package place.career.leversim.webhook;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import place.career.leversim.state.Archived;
import place.career.leversim.state.OpportunityListener;
import place.career.leversim.state.OpportunitySnapshot;
import place.career.leversim.state.SimClock;

/**
 * Sends the webhooks that accounts subscribed to when their opportunities change, on a background
 * thread, one delivery at a time. A failed delivery (non-2xx, redirect or connection error) is
 * retried with the same envelope after each of the retry delays.
 */
public final class WebhookDispatcher implements OpportunityListener, AutoCloseable {

    /**
     * Default retry delays. Lever documents five retries with growing gaps but not the gaps, so
     * these values are an estimate.
     */
    public static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(Duration.ofSeconds(10),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2));

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());

    private final SimClock clock;
    private final WebhookSender sender;
    private final ScheduledExecutorService scheduler;
    private final List<WebhookSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile List<Duration> retryDelays = DEFAULT_RETRY_DELAYS;
    private volatile boolean includeIds = true;

    public WebhookDispatcher(SimClock clock, WebhookSender sender) {
        this.clock = clock;
        this.sender = sender;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lever-sim-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void subscribe(WebhookSubscription subscription) {
        subscriptions.add(subscription);
    }

    public void setRetryDelays(List<Duration> delays) {
        this.retryDelays = List.copyOf(delays);
    }

    /** Chooses whether envelopes carry an {@code id}, which Lever's documented examples lack. */
    public void setIncludeIds(boolean includeIds) {
        this.includeIds = includeIds;
    }

    public synchronized List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Drops subscriptions, the delivery log and every retry still pending. */
    public synchronized void reset() {
        generation.incrementAndGet();
        subscriptions.clear();
        deliveries.clear();
        retryDelays = DEFAULT_RETRY_DELAYS;
        includeIds = true;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    @Override
    public void applicationCreated(String accountId, OpportunitySnapshot opportunity) {
        publish(accountId, WebhookPayloads.APPLICATION_CREATED,
                WebhookPayloads.applicationCreated(opportunity));
    }

    @Override
    public void stageChanged(String accountId, OpportunitySnapshot opportunity, String from) {
        publish(accountId, WebhookPayloads.CANDIDATE_STAGE_CHANGE,
                WebhookPayloads.candidateStageChange(opportunity, from));
    }

    @Override
    public void archiveChanged(String accountId, OpportunitySnapshot opportunity, Archived from) {
        publish(accountId, WebhookPayloads.CANDIDATE_ARCHIVE_CHANGE,
                WebhookPayloads.candidateArchiveChange(opportunity, from));
    }

    @Override
    public void hired(String accountId, OpportunitySnapshot opportunity) {
        publish(accountId, WebhookPayloads.CANDIDATE_HIRED,
                WebhookPayloads.candidateHired(opportunity));
    }

    @Override
    public void deleted(String accountId, OpportunitySnapshot opportunity) {
        publish(accountId, WebhookPayloads.CANDIDATE_DELETED,
                WebhookPayloads.candidateDeleted(opportunity));
    }

    private void publish(String accountId, String event, Map<String, Object> data) {
        if (scheduler.isShutdown()) {
            return;
        }
        int currentGeneration = generation.get();
        for (WebhookSubscription subscription : subscriptions) {
            if (subscription.accountId().equals(accountId) && subscription.event().equals(event)) {
                WebhookEnvelope envelope = sender.envelope(subscription.signingToken(), event, data,
                        includeIds, clock.millis());
                scheduler.execute(() -> attempt(subscription, envelope, 1, currentGeneration));
            }
        }
    }

    private void attempt(WebhookSubscription subscription, WebhookEnvelope envelope, int attempt,
            int taskGeneration) {
        if (taskGeneration != generation.get()) {
            return;
        }
        int status;
        try {
            status = sender.deliver(subscription.url(), envelope);
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "Webhook delivery failed event={0} url={1} "
                    + "attempt={2}: {3}", envelope.event(), subscription.url(), attempt,
                    e.getCause().toString());
            status = 0;
        }
        WebhookDelivery delivery = new WebhookDelivery(clock.instant(), subscription.accountId(),
                envelope.event(), subscription.url(), attempt, status, envelope.id());
        synchronized (this) {
            if (taskGeneration != generation.get()) {
                return;
            }
            deliveries.add(delivery);
        }
        List<Duration> delays = retryDelays;
        if (!delivery.isSuccess() && attempt <= delays.size()) {
            scheduler.schedule(() -> attempt(subscription, envelope, attempt + 1, taskGeneration),
                    delays.get(attempt - 1).toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
