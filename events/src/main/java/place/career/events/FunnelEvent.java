package place.career.events;

import java.time.Instant;

/**
 * Progress of a candidate inside a career.place funnel, published by career.place on
 * {@link Topics#CAREERPLACE_FUNNEL_EVENTS} with the invitation id as key.
 *
 * <p>This is a public contract: career.place writes it, so fields are only ever added.
 *
 * @param eventId unique per event; a repeated id is ignored
 * @param type what the candidate did or what career.place decided
 * @param invitationId the id from the candidate's personal funnel link
 * @param occurredAt when it happened in career.place
 * @param applicantCardUrl link to the applicant card ({@code STARTED} only)
 * @param reason why the candidate did not qualify ({@code UNQUALIFIED} only)
 */
public record FunnelEvent(
        String eventId, Type type, String invitationId, Instant occurredAt, String applicantCardUrl, String reason) {

    /** Kinds of funnel event; serialized in lower case as career.place sends them. */
    public enum Type {
        @com.fasterxml.jackson.annotation.JsonProperty("started")
        STARTED,
        @com.fasterxml.jackson.annotation.JsonProperty("submitted")
        SUBMITTED,
        @com.fasterxml.jackson.annotation.JsonProperty("qualified")
        QUALIFIED,
        @com.fasterxml.jackson.annotation.JsonProperty("unqualified")
        UNQUALIFIED,
        @com.fasterxml.jackson.annotation.JsonProperty("declined")
        DECLINED
    }
}
