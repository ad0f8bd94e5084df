package place.career.ingress.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Counts deliveries by outcome and rejection reason in {@code ingress.webhook.deliveries}, with the
 * tags {@code outcome} (a {@link DeliveryOutcome} slug or {@code rejected}), {@code reason} (a
 * {@link Rejection} slug or {@code none}) and {@code event} (a documented event name or {@code
 * unknown}), and times the signature lookup.
 */
@ApplicationScoped
public class DeliveryMetrics {

    private static final String DELIVERIES = "ingress.webhook.deliveries";

    @Inject MeterRegistry meters;

    private Timer sharedLookup;
    private Timer installationLookup;

    /** Counts a delivery that Lever gets a 2xx for. */
    public void countAcknowledged(DeliveryOutcome outcome, String event) {
        counter(outcome.slug(), "none", event).increment();
    }

    /** Counts a rejected delivery. The event is null when the body could not be parsed. */
    public void countRejected(Rejection rejection, String event) {
        counter("rejected", rejection.slug(), event).increment();
    }

    @PostConstruct
    void registerTimers() {
        sharedLookup = lookupTimer("shared-url");
        installationLookup = lookupTimer("installation-url");
    }

    /** Returns the timer of signature lookups on the shared URL, which try every installation. */
    public Timer sharedLookupTimer() {
        return sharedLookup;
    }

    /** Returns the timer of signature checks on the per-installation URL. */
    public Timer installationLookupTimer() {
        return installationLookup;
    }

    private Counter counter(String outcome, String reason, String event) {
        // Micrometer caches meters by name and tags, so this finds the existing counter.
        return Counter.builder(DELIVERIES)
                .description("Lever webhook deliveries by outcome and rejection reason")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .tag("event", LeverEvents.metricTag(event))
                .register(meters);
    }

    private Timer lookupTimer(String path) {
        return Timer.builder("ingress.signature.lookup")
                .description("Time to find the installation whose signing key verifies a delivery")
                .tag("path", path)
                .register(meters);
    }
}
