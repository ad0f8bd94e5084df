package place.career.leversync.lever;

/**
 * Context of the Lever calls of one installation: whose token to use, the Lever user that writes
 * act as, and the admission that enforces the installation's rate limit.
 */
public record LeverSession(String installationId, String performAs, RequestPermits permits) {}
