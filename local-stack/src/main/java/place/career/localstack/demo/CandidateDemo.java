package place.career.localstack.demo;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import place.career.events.FunnelEvent;
import place.career.leversim.LeverSimulator;
import place.career.leversim.state.Note;
import place.career.leversim.state.OpportunitySnapshot;
import place.career.localstack.SmtpSink;

/**
 * Walks one candidate through the running system and prints what each step caused: the
 * invitation e-mail, then the tags, notes and stage that the Lever simulator holds.
 */
public final class CandidateDemo {

    /** The Lever tags this product writes. */
    public static final Set<String> CP_TAGS = Set.of("CP-Sent", "CP-InProg", "CP-Qual", "CP-Unqual");

    private static final Pattern FUNNEL_LINK = Pattern.compile("https?://\\S+/funnel/([A-Za-z0-9_-]+)");
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    // How long the demo watches an unlinked application for effects that must not appear.
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(5);

    private final LeverSimulator simulator;
    private final SmtpSink smtp;
    private final String kafkaBootstrap;
    private final LeverTenant.Endpoints endpoints;
    private final LeverTenant.AdminTokens tokens;
    private final PrintStream out;

    public CandidateDemo(LeverSimulator simulator, SmtpSink smtp, String kafkaBootstrap,
            LeverTenant.Endpoints endpoints, LeverTenant.AdminTokens tokens, PrintStream out) {
        this.simulator = simulator;
        this.smtp = smtp;
        this.kafkaBootstrap = kafkaBootstrap;
        this.endpoints = endpoints;
        this.tokens = tokens;
        this.out = out;
    }

    /** Runs the demo; throws {@link IllegalStateException} naming the step that did not happen. */
    public void run() {
        LeverTenant tenant = LeverTenant.connect(simulator, endpoints, tokens);
        out.printf("%n== Lever account %s connected as installation %s%n", tenant.accountId,
                tenant.installationId());
        out.printf("   career.place organisation %s: job %s linked to Lever posting %s%n",
                tenant.organizationId, tenant.jobId, tenant.linkedPostingId);
        out.printf("   (bin/stack token %s prints an admin token for its setup APIs)%n",
                tenant.organizationId);

        String email = "zoe." + tenant.suffix + "@example.com";
        OpportunitySnapshot applicant = tenant.apply("Zoë Li 李", email, tenant.linkedPostingId);
        int status = tenant.deliver(tenant.applicationCreated(applicant));
        out.printf("%n== Lever sent applicationCreated for opportunity %s: ingress answered %d%n",
                applicant.id(), status);

        String invitationId = showInvitation(email);
        show(awaitTag(tenant, applicant.id(), "CP-Sent", 1));

        try (FunnelEventPublisher careerPlace = new FunnelEventPublisher(kafkaBootstrap)) {
            careerPlace.publish(FunnelEvent.Type.STARTED, invitationId,
                    "https://app.career.place/applicants/" + tenant.suffix, null);
            out.printf("%n== career.place published 'started' for invitation %s%n", invitationId);
            show(awaitTag(tenant, applicant.id(), "CP-InProg", 2));

            careerPlace.publish(FunnelEvent.Type.QUALIFIED, invitationId, null, null);
            out.printf("%n== career.place published 'qualified'%n");
            OpportunitySnapshot qualified = awaitTag(tenant, applicant.id(), "CP-Qual", 3);
            show(qualified);
        }
        out.printf("   the simulator shows it at %s/_sim/accounts/%s/opportunities/%s%n",
                simulator.baseUrl(), tenant.accountId, applicant.id());
        showUnlinkedApplication(tenant);
    }

    private String showInvitation(String email) {
        MimeMessage mail = Poll.until("the invitation e-mail", STEP_TIMEOUT,
                () -> mailsTo(email), list -> !list.isEmpty()).get(0);
        try {
            Matcher link = FUNNEL_LINK.matcher(MailText.of(mail));
            if (!link.find()) {
                throw new IllegalStateException("The invitation e-mail has no funnel link");
            }
            out.printf("   e-mail received by the SMTP sink: \"%s\"%n", mail.getSubject());
            out.printf("   personal funnel link: %s%n", link.group());
            out.printf("   ---- plain-text part ----%n%s%n   -------------------------%n",
                    plainText(mail).strip());
            return link.group(1);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the invitation e-mail", e);
        }
    }

    /** Returns the text/plain part of a message, or all its text when it has none. */
    private static String plainText(MimeMessage mail) throws Exception {
        if (mail.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                    return MailText.of(multipart.getBodyPart(i));
                }
            }
        }
        return MailText.of(mail);
    }

    private void showUnlinkedApplication(LeverTenant tenant) {
        String email = "unlinked." + tenant.suffix + "@example.com";
        OpportunitySnapshot applicant = tenant.apply("Sam Unlinked", email, tenant.unlinkedPostingId);
        int status = tenant.deliver(tenant.applicationCreated(applicant));
        out.printf("%n== Lever sent applicationCreated for a posting with no job link: ingress "
                + "answered %d%n", status);
        try {
            Thread.sleep(QUIET_PERIOD.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        OpportunitySnapshot after = tenant.opportunity(applicant.id());
        out.printf("   after %d s: %d e-mails, tags %s, %d notes%n", QUIET_PERIOD.toSeconds(),
                mailsTo(email).size(), after.tags(), after.notes().size());
    }

    private OpportunitySnapshot awaitTag(LeverTenant tenant, String opportunityId, String tag,
            int notes) {
        return Poll.until("tag " + tag + " and " + notes + " notes on " + opportunityId,
                STEP_TIMEOUT, () -> tenant.opportunity(opportunityId),
                now -> cpTags(now).equals(Set.of(tag)) && now.notes().size() == notes
                        && (!tag.equals("CP-Qual") || tenant.qualifiedStageId.equals(now.stage())));
    }

    private void show(OpportunitySnapshot opportunity) {
        out.printf("   Lever opportunity %s: tags %s, stage %s%n", opportunity.id(),
                opportunity.tags(), opportunity.stage());
        for (Note note : opportunity.notes()) {
            out.printf("     note: %s%n", note.value().replace("\n", " / "));
        }
    }

    private List<MimeMessage> mailsTo(String email) {
        return smtp.receivedMessages().stream().filter(mail -> isAddressedTo(mail, email)).toList();
    }

    /** Returns whether a message lists the address among its recipients. */
    public static boolean isAddressedTo(MimeMessage mail, String email) {
        try {
            for (var recipient : mail.getAllRecipients()) {
                if (recipient instanceof InternetAddress address
                        && address.getAddress().equalsIgnoreCase(email)) {
                    return true;
                }
            }
            return false;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException("Could not read a message's recipients", e);
        }
    }

    /** Returns the CP-* tags of an opportunity. */
    public static Set<String> cpTags(OpportunitySnapshot opportunity) {
        return cpTags(opportunity.tags());
    }

    /** Returns the CP-* tags among a set of tags. */
    public static Set<String> cpTags(Set<String> tags) {
        Set<String> ours = new TreeSet<>(tags);
        ours.retainAll(CP_TAGS);
        return ours;
    }
}
