package place.career.ingress.installation;

/**
 * The result of looking up the installation that signed a delivery.
 *
 * @param result what the lookup found
 * @param installationId the installation whose key verified the signature ({@code MATCHED} only)
 */
public record SignatureMatch(Result result, String installationId) {

    /** Outcomes of a signature lookup. */
    public enum Result {
        /** Exactly one connected installation's key verifies the signature. */
        MATCHED,
        /**
         * No key of the installation, or of any connected installation on the shared URL, verifies
         * it.
         */
        NO_MATCH,
        /**
         * The verifying key belongs to several connected installations, so the owner is unclear.
         */
        AMBIGUOUS,
        /** The per-installation URL names an installation that is not connected. */
        UNKNOWN_INSTALLATION
    }

    static final SignatureMatch NO_MATCH = new SignatureMatch(Result.NO_MATCH, null);
    static final SignatureMatch AMBIGUOUS = new SignatureMatch(Result.AMBIGUOUS, null);
    static final SignatureMatch UNKNOWN_INSTALLATION =
            new SignatureMatch(Result.UNKNOWN_INSTALLATION, null);

    static SignatureMatch matched(String installationId) {
        return new SignatureMatch(Result.MATCHED, installationId);
    }
}
