package place.career.ingress.webhook;

import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import place.career.events.WebhookReceived;
import place.career.ingress.IngressConfig;
import place.career.ingress.installation.InstallationRegistry;
import place.career.ingress.installation.SignatureMatch;

import java.time.Clock;
import java.time.Instant;

/**
 * Decides what happens to a parsed delivery: verifies its signature, rejects it when stale, and
 * publishes it unless its delivery key was accepted before.
 */
@ApplicationScoped
public class WebhookService {

    @Inject InstallationRegistry registry;

    @Inject DeliveryBatcher batcher;

    @Inject DeliveryMetrics metrics;

    @Inject Clock clock;

    @Inject IngressConfig config;

    /**
     * Verifies the delivery and publishes it unless it was accepted before.
     *
     * @param envelope the parsed request body
     * @param pathInstallationId the installation named in the URL, or null on the shared URL
     * @return the outcome. The {@code Uni} fails with {@link WebhookRejectedException} when the
     *     delivery is refused or the broker or database is unavailable, and then nothing was stored
     *     or published
     */
    public Uni<DeliveryOutcome> receive(WebhookEnvelope envelope, String pathInstallationId) {
        String installationId = verify(envelope, pathInstallationId);
        Instant now = clock.instant();
        checkFreshness(envelope, now);

        if (!envelope.data().empty()) {
            switch (LeverEvents.kindOf(envelope.event())) {
                case UNKNOWN:
                    return Uni.createFrom().item(DeliveryOutcome.UNKNOWN_EVENT);
                case UNUSED:
                    return Uni.createFrom().item(DeliveryOutcome.UNUSED_EVENT);
                case FUNNEL:
                    break;
            }
        }

        WebhookReceived event = toEvent(envelope, installationId, now);
        DeliveryOutcome outcome =
                event.connectionCheck()
                        ? DeliveryOutcome.CONNECTION_CHECK
                        : DeliveryOutcome.ACCEPTED;
        return batcher.publishOnce(event)
                .map(published -> published ? outcome : DeliveryOutcome.DUPLICATE);
    }

    private String verify(WebhookEnvelope envelope, String pathInstallationId) {
        if (!registry.isLoaded()) {
            throw new WebhookRejectedException(
                    Rejection.INSTALLATIONS_LOADING,
                    "The service is still loading installations after a start and cannot verify"
                            + " signatures yet. Retry later.");
        }
        byte[] message = envelope.signedMessage();
        SignatureMatch match =
                pathInstallationId == null
                        ? metrics.sharedLookupTimer()
                                .record(
                                        () ->
                                                registry.findBySignature(
                                                        message, envelope.signature()))
                        : metrics.installationLookupTimer()
                                .record(
                                        () ->
                                                registry.verifyFor(
                                                        pathInstallationId,
                                                        message,
                                                        envelope.signature()));

        switch (match.result()) {
            case MATCHED:
                return match.installationId();
            case AMBIGUOUS:
                throw new WebhookRejectedException(
                        Rejection.AMBIGUOUS_SIGNATURE,
                        "The signing token that verifies this delivery is saved for several"
                            + " installations, so the shared URL cannot tell which one it belongs"
                            + " to. Point the Lever webhook at the per-installation URL shown in"
                            + " career.place settings.");
            case UNKNOWN_INSTALLATION:
                throw new WebhookRejectedException(
                        Rejection.UNKNOWN_INSTALLATION,
                        "No connected installation has the id "
                                + LogSafe.text(pathInstallationId)
                                + ". Copy the webhook URL again from career.place settings, or"
                                + " connect Lever again.");
            default:
                throw new WebhookRejectedException(
                        Rejection.SIGNATURE_MISMATCH, mismatchDetail(pathInstallationId));
        }
    }

    private static String mismatchDetail(String pathInstallationId) {
        String scope =
                pathInstallationId == null
                        ? "no connected installation"
                        : "no signing token of installation " + LogSafe.text(pathInstallationId);
        return "The signature matches "
                + scope
                + ". Check that the signature token in Lever's webhook settings is the one saved in"
                + " career.place, and that the Lever connection is still connected there: a"
                + " disconnected or revoked connection accepts no webhooks. After fixing it, use"
                + " Rerun in Lever's delivery history.";
    }

    private void checkFreshness(WebhookEnvelope envelope, Instant now) {
        Instant triggeredAt = Instant.ofEpochMilli(envelope.triggeredAt());
        if (triggeredAt.isBefore(now.minus(config.maxDeliveryAge()))) {
            throw new WebhookRejectedException(
                    Rejection.STALE_DELIVERY,
                    "triggeredAt "
                            + triggeredAt
                            + " is older than the maximum delivery age of "
                            + Durations.readable(config.maxDeliveryAge())
                            + ", so it cannot be told apart from a replay. Make the"
                            + " change again in Lever to send a new event.");
        }
        if (triggeredAt.isAfter(now.plus(config.maxClockSkew()))) {
            throw new WebhookRejectedException(
                    Rejection.FUTURE_DELIVERY,
                    "triggeredAt "
                            + triggeredAt
                            + " is more than "
                            + Durations.readable(config.maxClockSkew())
                            + " ahead of our"
                            + " clock ("
                            + now
                            + "). Check the sender's clock.");
        }
    }

    private static WebhookReceived toEvent(
            WebhookEnvelope envelope, String installationId, Instant receivedAt) {
        DeliveryData data = envelope.data();
        return new WebhookReceived(
                envelope.deliveryKey(),
                installationId,
                envelope.event(),
                envelope.triggeredAt(),
                receivedAt,
                data.opportunityId(),
                data.applicationId(),
                data.contactId(),
                data.fromStageId(),
                data.toStageId(),
                data.archived(),
                data.archiveReasonId(),
                data.empty());
    }
}
