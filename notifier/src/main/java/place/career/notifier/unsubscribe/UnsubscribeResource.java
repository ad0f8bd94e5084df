package place.career.notifier.unsubscribe;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import place.career.notifier.invitation.InvitationRepository;
import place.career.notifier.outcome.OutcomeService;
import place.career.notifier.web.Problem;

import java.util.regex.Pattern;

/**
 * The unsubscribe link of every e-mail. GET shows a confirmation page and changes nothing, because
 * mail scanners follow links. POST unsubscribes at once: it is the one-click request of RFC 8058
 * (body {@code List-Unsubscribe=One-Click}) and also the page's form. The body is not required.
 */
@Path("/api/unsubscribe/{token}")
public class UnsubscribeResource {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,100}");

    private final InvitationRepository invitations;
    private final OutcomeService outcomes;
    private final Template confirmPage;
    private final Template notFoundPage;

    public UnsubscribeResource(
            InvitationRepository invitations,
            OutcomeService outcomes,
            @Location("unsubscribe/confirm.html") Template confirmPage,
            @Location("unsubscribe/not-found.html") Template notFoundPage) {
        this.invitations = invitations;
        this.outcomes = outcomes;
        this.confirmPage = confirmPage;
        this.notFoundPage = notFoundPage;
    }

    @GET
    public Uni<Response> confirmationPage(@PathParam("token") String token) {
        if (!TOKEN.matcher(token).matches()) {
            return Uni.createFrom().item(notFound());
        }
        return invitations
                .findUnsubscribed(token)
                .map(unsubscribed -> unsubscribed == null ? notFound() : page(unsubscribed, token));
    }

    @POST
    public Uni<Response> unsubscribe(@PathParam("token") String token) {
        if (!TOKEN.matcher(token).matches()) {
            return Uni.createFrom().item(unknownToken());
        }
        return outcomes.unsubscribe(token).map(found -> found ? page(true, token) : unknownToken());
    }

    private Response page(boolean done, String token) {
        String html = confirmPage.data("done", done).data("action", token).render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private Response notFound() {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(notFoundPage.render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }

    private static Response unknownToken() {
        return Problem.response(
                404,
                "unsubscribe-link-not-found",
                "Unsubscribe link not found",
                "The unsubscribe link is not valid. Use the link from the most recent e-mail.");
    }
}
