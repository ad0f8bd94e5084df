package place.career.leversync.lever;

/**
 * What every Lever call of one installation needs: whose token to use, the Lever user that
 * writes act as, and the admission that enforces the installation's rate limit.
 */
public record LeverSession(String installationId, String performAs, RequestPermits permits) {}
