package place.career.notifier.invitation;

import place.career.events.FunnelStatus;
import place.career.events.FunnelStatusChanged;
import place.career.events.InvalidEventException;

/** Checks that a funnel status record has what the notifier needs before anything is written. */
final class StatusValidator {

    private StatusValidator() {}

    /**
     * Rejects a record that misses a required field. The message names the field and the event id,
     * never a value, because values may be personal data.
     *
     * @throws InvalidEventException when a field is missing or the e-mail address is unusable
     */
    static void validate(FunnelStatusChanged status) {
        require(status.eventId(), "eventId", status);
        require(status.funnelId(), "funnelId", status);
        require(status.installationId(), "installationId", status);
        require(status.opportunityId(), "opportunityId", status);
        require(status.status(), "status", status);
        require(status.occurredAt(), "occurredAt", status);
        if (status.version() < 1) {
            throw invalid("version must be at least 1", status);
        }
        if (status.status() == FunnelStatus.INVITED) {
            require(status.invitationId(), "invitationId", status);
            require(status.candidateEmail(), "candidateEmail", status);
            validateAddress(status);
        }
    }

    private static void validateAddress(FunnelStatusChanged status) {
        String email = status.candidateEmail();
        int at = email.indexOf('@');
        boolean hasLocalAndDomain = at > 0 && at < email.length() - 1;
        boolean hasControlCharacters = email.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (!hasLocalAndDomain || hasControlCharacters || email.contains(" ")) {
            throw invalid("candidateEmail is not a single e-mail address", status);
        }
    }

    private static void require(Object value, String field, FunnelStatusChanged status) {
        boolean blank = value instanceof String text && text.isBlank();
        if (value == null || blank) {
            throw invalid(field + " is missing", status);
        }
    }

    private static InvalidEventException invalid(String problem, FunnelStatusChanged status) {
        return new InvalidEventException(
                "Invalid FunnelStatusChanged eventId=" + status.eventId() + ": " + problem);
    }
}
