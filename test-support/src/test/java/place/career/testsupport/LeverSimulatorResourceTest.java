package place.career.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LeverSimulatorResourceTest {

    @Test
    void returnsSimulatorUrls() {
        LeverSimulatorResource resource = new LeverSimulatorResource();
        Map<String, String> config = resource.start();
        try {
            String base = LeverSimulatorResource.simulator().baseUrl();

            assertTrue(base.startsWith("http://127.0.0.1:"), base);
            assertEquals(LeverSimulatorResource.simulator().apiBaseUrl(),
                    config.get("lever.api.base-url"));
            assertEquals(LeverSimulatorResource.simulator().tokenUrl(),
                    config.get("lever.oauth.token-url"));
            assertEquals(LeverSimulatorResource.simulator().authorizeUrl(),
                    config.get("lever.oauth.authorize-url"));
        } finally {
            resource.stop();
        }
        assertThrows(IllegalStateException.class, LeverSimulatorResource::simulator);
    }
}
