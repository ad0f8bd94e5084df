package place.career.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import place.career.events.EventJson;
import place.career.events.FunnelEvent;
import place.career.events.Topics;
import place.career.leversim.state.OpportunitySnapshot;
import place.career.leversim.webhook.WebhookEnvelope;
import place.career.localstack.demo.CandidateDemo;
import place.career.localstack.demo.JsonHttp;
import place.career.localstack.demo.LeverTenant;
import place.career.localstack.demo.MailText;
import place.career.testsupport.KafkaTestClient;

/**
 * The main job of the system, across all four services: a signed Lever webhook becomes an
 * invitation e-mail and Lever tags, and career.place's funnel events move the candidate on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CandidateJourneyIT {

    private static final Duration EFFECT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern FUNNEL_LINK =
            Pattern.compile("https://app\\.career\\.place/funnel/([A-Za-z0-9_-]+)");

    private RunningSystem system;
    private LeverTenant tenant;
    private KafkaTestClient kafka;
    private final Map<String, String> deliveries = new ConcurrentHashMap<>();

    @BeforeAll
    void startSystem() {
        system = RunningSystem.start();
        kafka = new KafkaTestClient(system.kafkaBootstrap());
        tenant = system.connectTenant();
    }

    @AfterAll
    void stopSystem() {
        if (kafka != null) {
            kafka.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void qualifiedCandidateMovesToChosenStage() throws Exception {
        String email = "zoe." + tenant.suffix + "@example.com";
        OpportunitySnapshot applicant = tenant.apply("Zoë Li 李", email, tenant.linkedPostingId);

        deliverApplication(applicant);

        MimeMessage invitation = awaitSingleMailTo(email, applicant.id());
        String invitationId = funnelInvitationId(invitation);
        OpportunitySnapshot invited = awaitOpportunity(applicant.id(), "CP-Sent", 1);
        assertTrue(invited.notes().get(0).value().contains("invit"), invited.notes().get(0).value());

        String cardUrl = "https://app.career.place/applicants/" + tenant.suffix;
        publish(FunnelEvent.Type.STARTED, invitationId, cardUrl, null);
        OpportunitySnapshot started = awaitOpportunity(applicant.id(), "CP-InProg", 2);
        assertTrue(started.notes().get(1).value().contains(cardUrl), started.notes().get(1).value());

        publish(FunnelEvent.Type.QUALIFIED, invitationId, null, null);
        OpportunitySnapshot qualified = awaitOpportunity(applicant.id(), "CP-Qual", 3);
        assertEquals(tenant.qualifiedStageId, qualified.stage());
        for (Set<String> tags : system.simulator().tagHistory(tenant.accountId, applicant.id())) {
            assertTrue(CandidateDemo.cpTags(tags).size() <= 1, "two CP tags at once: " + tags);
        }
    }

    @Test
    void unqualifiedCandidateGetsReasonNote() throws Exception {
        String email = "ana." + tenant.suffix + "@example.com";
        OpportunitySnapshot applicant = tenant.apply("Ana Müller", email, tenant.linkedPostingId);
        deliverApplication(applicant);
        String invitationId = funnelInvitationId(awaitSingleMailTo(email, applicant.id()));

        publish(FunnelEvent.Type.STARTED, invitationId, "https://app.career.place/applicants/x", null);
        awaitOpportunity(applicant.id(), "CP-InProg", 2);
        publish(FunnelEvent.Type.UNQUALIFIED, invitationId, null, "Homework score 41/100, below 60 — Zoë");

        OpportunitySnapshot unqualified = awaitOpportunity(applicant.id(), "CP-Unqual", 3);
        assertTrue(unqualified.notes().get(2).value().contains("Homework score 41/100, below 60 — Zoë"),
                unqualified.notes().get(2).value());
        assertTrue(unqualified.stage() == null || !unqualified.stage().equals(tenant.qualifiedStageId));
    }

    @Test
    void lateStartAfterQualificationChangesNothing() throws Exception {
        String email = "late." + tenant.suffix + "@example.com";
        OpportunitySnapshot applicant = tenant.apply("Late Starter", email, tenant.linkedPostingId);
        deliverApplication(applicant);
        String invitationId = funnelInvitationId(awaitSingleMailTo(email, applicant.id()));
        publish(FunnelEvent.Type.QUALIFIED, invitationId, null, null);
        awaitOpportunity(applicant.id(), "CP-Qual", 2);

        publish(FunnelEvent.Type.STARTED, invitationId, "https://app.career.place/applicants/late", null);
        String markerEmail = "marker." + tenant.suffix + "@example.com";
        OpportunitySnapshot marker = tenant.apply("Marker", markerEmail, tenant.linkedPostingId);
        deliverApplication(marker);
        awaitOpportunity(marker.id(), "CP-Sent", 1);

        OpportunitySnapshot after = tenant.opportunity(applicant.id());
        assertEquals(Set.of("CP-Qual"), cpTags(after));
        assertEquals(2, after.notes().size());
    }

    @Test
    void redeliveredWebhookSendsNoSecondMailOrNote() throws Exception {
        String email = "twice." + tenant.suffix + "@example.com";
        OpportunitySnapshot applicant = tenant.apply("Twice Delivered", email, tenant.linkedPostingId);
        WebhookEnvelope delivery = deliverApplication(applicant);

        awaitSingleMailTo(email, applicant.id());
        awaitOpportunity(applicant.id(), "CP-Sent", 1);
        assertEquals(200, tenant.deliver(delivery));

        // A later application on the same partition path proves the redelivery was processed.
        String markerEmail = "after-twice." + tenant.suffix + "@example.com";
        OpportunitySnapshot marker = tenant.apply("Marker Two", markerEmail, tenant.linkedPostingId);
        deliverApplication(marker);
        awaitSingleMailTo(markerEmail, marker.id());
        awaitOpportunity(marker.id(), "CP-Sent", 1);

        assertEquals(1, mailsTo(email).size());
        assertEquals(1, tenant.opportunity(applicant.id()).notes().size());
    }

    @Test
    void unlinkedPostingGetsNothing() throws Exception {
        String email = "unlinked." + tenant.suffix + "@example.com";
        OpportunitySnapshot applicant = tenant.apply("Not Linked", email, tenant.unlinkedPostingId);

        deliverApplication(applicant);
        String markerEmail = "after-unlinked." + tenant.suffix + "@example.com";
        OpportunitySnapshot marker = tenant.apply("Marker Three", markerEmail, tenant.linkedPostingId);
        deliverApplication(marker);
        awaitSingleMailTo(markerEmail, marker.id());
        awaitOpportunity(marker.id(), "CP-Sent", 1);

        assertEquals(List.of(), mailsTo(email));
        OpportunitySnapshot unlinked = tenant.opportunity(applicant.id());
        assertEquals(Set.of(), cpTags(unlinked));
        assertEquals(0, unlinked.notes().size());
    }

    @Test
    void badSignatureIsRejectedAndNothingHappens() throws Exception {
        String email = "forged." + tenant.suffix + "@example.com";
        OpportunitySnapshot applicant = tenant.apply("Forged Delivery", email, tenant.linkedPostingId);
        WebhookEnvelope genuine = tenant.applicationCreated(applicant);
        WebhookEnvelope forged = new WebhookEnvelope(genuine.id(), genuine.event(),
                genuine.triggeredAt(), genuine.token(), "0".repeat(64), genuine.data());

        assertEquals(401, tenant.deliver(forged));

        assertEquals(List.of(), mailsTo(email));
        assertEquals(0, tenant.opportunity(applicant.id()).notes().size());
    }

    @Test
    void jobLinkToMissingPostingGets422() throws Exception {
        String postingId = "posting-missing-" + tenant.suffix;
        String orchestrator = system.serviceUrl("funnel-orchestrator");
        String bearer = system.adminToken(tenant.organizationId, tenant.adminUserId);
        Map<String, String> body = Map.of("installationId", tenant.installationId(), "postingId", postingId,
                "jobTitle", "Nobody applies here");

        HttpResponse<String> response = JsonHttp.send("PUT",
                orchestrator + "/api/setup/job-links/job-missing-" + tenant.suffix, bearer, body);

        assertEquals(422, response.statusCode(), response.body());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("application/problem+json"), contentType);
        JsonNode problem = EventJson.mapper().readTree(response.body());
        assertEquals("https://career.place/problems/unknown-posting", problem.path("type").asText());
        assertTrue(problem.path("detail").asText().contains(postingId), problem.path("detail").asText());
        assertEquals(1, system.simulator().requests("GET", "/v1/postings/" + postingId).size(),
                "lever-sync must ask the simulator once");
        JsonNode links = JsonHttp.sendOk("GET", orchestrator + "/api/setup/job-links", bearer, null);
        assertEquals(1, links.size(), links.toString());
        assertEquals(tenant.jobId, links.get(0).path("jobId").asText());
    }

    /** Delivers the application's webhook and remembers its id for {@link #traced}. */
    private WebhookEnvelope deliverApplication(OpportunitySnapshot applicant) {
        WebhookEnvelope delivery = tenant.applicationCreated(applicant);
        assertEquals(200, tenant.deliver(delivery));
        deliveries.put(applicant.id(), delivery.id());
        return delivery;
    }

    private void publish(FunnelEvent.Type type, String invitationId, String cardUrl, String reason) {
        FunnelEvent event = new FunnelEvent(UUID.randomUUID().toString(), type, invitationId,
                Instant.now(), cardUrl, reason);
        kafka.send(Topics.CAREERPLACE_FUNNEL_EVENTS, invitationId, event);
    }

    /**
     * Waits until the opportunity shows the expected CP tag and number of notes, checking on
     * every poll that it never carries more than one CP tag.
     */
    private OpportunitySnapshot awaitOpportunity(String opportunityId, String tag, int notes) {
        String expectation = "tag " + tag + " with " + notes + " notes on " + opportunityId;
        return traced(expectation, opportunityId, () -> await("opportunity " + opportunityId + " tagged " + tag
                        + " with " + notes + " notes")
                .atMost(EFFECT_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    OpportunitySnapshot now = tenant.opportunity(opportunityId);
                    assertTrue(cpTags(now).size() <= 1, "more than one CP tag: " + now.tags());
                    return now;
                }, now -> cpTags(now).equals(Set.of(tag)) && now.notes().size() == notes
                        && (!tag.equals("CP-Qual") || tenant.qualifiedStageId.equals(now.stage()))));
    }

    private MimeMessage awaitSingleMailTo(String email, String opportunityId) {
        List<MimeMessage> mails = traced("invitation to " + email, opportunityId, () -> await("invitation to " + email)
                .atMost(EFFECT_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> mailsTo(email), list -> !list.isEmpty()));
        assertEquals(1, mails.size());
        return mails.get(0);
    }

    /**
     * Runs a wait. When it times out, the failure's first line names the service that saw the
     * candidate last, and the lines after it quote the service logs. The failure carries no
     * cause and only this class's stack frames, so a build log's tail still shows the quotes.
     */
    private <T> T traced(String expectation, String opportunityId, Supplier<T> wait) {
        try {
            return wait.get();
        } catch (ConditionTimeoutException e) {
            String delivery = deliveries.getOrDefault(opportunityId, opportunityId);
            AssertionError failure = new AssertionError("No " + expectation + " within "
                    + EFFECT_TIMEOUT.toSeconds() + " s. "
                    + JourneyTrace.of(system.logFiles(), opportunityId, delivery) + "\n" + e.getMessage());
            failure.setStackTrace(Arrays.stream(e.getStackTrace())
                    .filter(frame -> frame.getClassName().startsWith(CandidateJourneyIT.class.getName()))
                    .toArray(StackTraceElement[]::new));
            throw failure;
        }
    }

    private List<MimeMessage> mailsTo(String email) {
        return system.smtp().receivedMessages().stream()
                .filter(mail -> CandidateDemo.isAddressedTo(mail, email))
                .toList();
    }

    private static String funnelInvitationId(MimeMessage message) throws Exception {
        String body = MailText.of(message);
        Matcher link = FUNNEL_LINK.matcher(body);
        assertTrue(link.find(), "no funnel link in the invitation");
        return link.group(1);
    }

    private static Set<String> cpTags(OpportunitySnapshot opportunity) {
        return CandidateDemo.cpTags(opportunity);
    }
}
