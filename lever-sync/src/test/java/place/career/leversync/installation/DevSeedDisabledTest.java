package place.career.leversync.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import place.career.leversync.LeverSyncConfig;
import place.career.leversync.common.ProblemException;

/** The production default, checked without starting Quarkus: the seed endpoint returns 404. */
class DevSeedDisabledTest {

    @Test
    void seedEndpointAnswers404WhenDisabled() {
        DevSeedResource resource = new DevSeedResource(configWithSeed(false), null, null);
        DevSeedResource.SeedRequest request = new DevSeedResource.SeedRequest(null, "org-1", "acct-1", "token", null,
                null, "user-1", "stage-1", "signing");

        ProblemException error = assertThrows(ProblemException.class, () -> resource.seed(request));

        assertEquals(404, error.status());
    }

    private static LeverSyncConfig configWithSeed(boolean enabled) {
        LeverSyncConfig.Setup setup = () -> enabled;
        return (LeverSyncConfig) Proxy.newProxyInstance(LeverSyncConfig.class.getClassLoader(),
                new Class<?>[] {LeverSyncConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setup")) {
                        return setup;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
