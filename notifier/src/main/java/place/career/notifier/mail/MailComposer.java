package place.career.notifier.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import jakarta.enterprise.context.ApplicationScoped;

import place.career.notifier.config.NotifierConfig;
import place.career.notifier.timer.ClaimedMail;
import place.career.notifier.timer.TimerKind;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Writes invitation and reminder e-mails from the Qute templates under {@code templates/mail}: an
 * HTML and a plain-text part, the personal funnel link, and a one-click unsubscribe link announced
 * in the {@code List-Unsubscribe} headers of RFC 2369 and RFC 8058.
 */
@ApplicationScoped
public class MailComposer {

    static final String UNSUBSCRIBE_PATH = "/api/unsubscribe/";
    private static final String FALLBACK_JOB_TITLE = "the role";

    private final Template invitationHtml;
    private final Template invitationText;
    private final Template reminderHtml;
    private final Template reminderText;
    private final NotifierConfig config;

    public MailComposer(
            @Location("mail/invitation.html") Template invitationHtml,
            @Location("mail/invitation.txt") Template invitationText,
            @Location("mail/reminder.html") Template reminderHtml,
            @Location("mail/reminder.txt") Template reminderText,
            NotifierConfig config) {
        this.invitationHtml = invitationHtml;
        this.invitationText = invitationText;
        this.reminderHtml = reminderHtml;
        this.reminderText = reminderText;
        this.config = config;
    }

    /**
     * Writes the e-mail of a claimed invitation or reminder.
     *
     * @param mail a claimed mail whose address is not erased
     * @param messageId the deterministic Message-ID, angle brackets included
     */
    public Mail compose(ClaimedMail mail, String messageId) {
        boolean invitation = mail.kind() == TimerKind.INVITATION;
        String jobTitle =
                mail.jobTitle() == null || mail.jobTitle().isBlank()
                        ? FALLBACK_JOB_TITLE
                        : mail.jobTitle();
        String subject =
                invitation
                        ? "Your next step for " + jobTitle
                        : "Reminder: your next step for " + jobTitle;
        String unsubscribeLink = unsubscribeLink(mail.unsubscribeToken());

        String html =
                fill(
                        invitation ? invitationHtml : reminderHtml,
                        mail,
                        jobTitle,
                        subject,
                        unsubscribeLink);
        String text =
                fill(
                        invitation ? invitationText : reminderText,
                        mail,
                        jobTitle,
                        subject,
                        unsubscribeLink);
        return new Mail()
                .addTo(mail.candidateEmail())
                .setSubject(subject)
                .setText(text)
                .setHtml(html)
                .addHeader("Message-ID", messageId)
                .addHeader("List-Unsubscribe", "<" + unsubscribeLink + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    private String fill(
            Template template,
            ClaimedMail mail,
            String jobTitle,
            String subject,
            String unsubscribe) {
        TemplateInstance instance =
                template.data("name", mail.candidateName())
                        .data("jobTitle", jobTitle)
                        .data("subject", subject)
                        .data("funnelLink", funnelLink(mail.invitationId()))
                        .data("unsubscribeLink", unsubscribe);
        return instance.render();
    }

    /** Returns the candidate's personal funnel link. */
    public String funnelLink(String invitationId) {
        return trimSlash(config.funnelBaseUrl()) + "/" + pathSegment(invitationId);
    }

    /** Returns the one-click unsubscribe link for a token. */
    public String unsubscribeLink(String token) {
        return trimSlash(config.publicBaseUrl()) + UNSUBSCRIBE_PATH + pathSegment(token);
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
