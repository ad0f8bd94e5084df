package place.career.leversync.installation;

/**
 * Thrown when Lever no longer accepts an installation's credentials, or the installation is not
 * connected. Work for it must be parked until it is reconnected, never retried in a loop.
 */
public class InstallationRevokedException extends RuntimeException {

    private final String installationId;

    public InstallationRevokedException(String installationId, String message) {
        super("Installation " + installationId + " cannot call Lever: " + message);
        this.installationId = installationId;
    }

    public String installationId() {
        return installationId;
    }
}
