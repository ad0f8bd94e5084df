package place.career.leversync.setup;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import place.career.events.InstallationChanged.Status;
import place.career.leversync.common.ProblemException;
import place.career.leversync.installation.Installation;
import place.career.leversync.installation.InstallationRepository;

/**
 * Finds the installation a setup request is about: always the caller's organisation's, so that
 * no request can reach another organisation's data.
 */
@ApplicationScoped
public class InstallationLookup {

    private final InstallationRepository repository;

    InstallationLookup(InstallationRepository repository) {
        this.repository = repository;
    }

    /** Returns the organisation's current installation, or null when it never connected Lever. */
    public Uni<Installation> currentOrNull(Caller caller) {
        return repository.findCurrentOfOrganization(caller.organizationId());
    }

    /** Returns the organisation's current installation; fails with 404 when there is none. */
    public Uni<Installation> current(Caller caller) {
        return currentOrNull(caller).map(installation -> {
            if (installation == null) {
                throw ProblemException.notFound("Organisation " + caller.organizationId()
                        + " has no Lever connection; start one with POST /api/setup/lever/connect");
            }
            return installation;
        });
    }

    /** Returns the organisation's installation if Lever calls may be made for it; 404 or 409 otherwise. */
    public Uni<Installation> connected(Caller caller) {
        return current(caller).map(installation -> {
            if (installation.status() != Status.CONNECTED) {
                throw notConnected(installation);
            }
            return installation;
        });
    }

    /** Returns the 409 problem for a request that needs a connected installation. */
    static ProblemException notConnected(Installation installation) {
        String next = installation.status() == Status.REVOKED
                ? "Lever no longer accepts its credentials; reconnect with POST /api/setup/lever/connect"
                : "connect it again with POST /api/setup/lever/connect";
        return new ProblemException(409, "installation-disconnected", "Installation disconnected", "The Lever connection " + installation.id()
                + " is " + installation.status() + ": " + next);
    }
}
