package place.career.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import place.career.leversim.LeverSimulator;

/**
 * Starts the Lever simulator in the test JVM on a free port and points the service's Lever API and
 * OAuth settings at it.
 */
public class LeverSimulatorResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LeverSimulator simulator;

    @Override
    public Map<String, String> start() {
        LeverSimulator started = LeverSimulator.start(0);
        simulator = started;
        return Map.of(
                "lever.api.base-url", started.apiBaseUrl(),
                "lever.oauth.token-url", started.tokenUrl(),
                "lever.oauth.authorize-url", started.authorizeUrl());
    }

    @Override
    public void stop() {
        LeverSimulator started = simulator;
        if (started != null) {
            started.close();
            simulator = null;
        }
    }

    /**
     * Returns the running simulator, to seed data, inject faults or read the requests it received.
     *
     * @throws IllegalStateException when no test resource has started it
     */
    public static LeverSimulator simulator() {
        LeverSimulator started = simulator;
        if (started == null) {
            throw new IllegalStateException("The Lever simulator is not running; add "
                    + "@QuarkusTestResource(LeverSimulatorResource.class) to the test");
        }
        return started;
    }
}
