package place.career.ingress.installation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the service ready only after the installation topic was read to its end, because before
 * that a correctly signed delivery could be rejected as unknown.
 */
@Readiness
@ApplicationScoped
public class InstallationsReadinessCheck implements HealthCheck {

    @Inject InstallationRegistry registry;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("installations-loaded")
                .status(registry.isLoaded())
                .withData("connectedInstallations", registry.connectedCount())
                .build();
    }
}
