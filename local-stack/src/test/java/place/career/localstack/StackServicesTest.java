package place.career.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackServicesTest {

    private static final StackServices.Shared SHARED = new StackServices.Shared("127.0.0.1:19092",
            new Postgres("127.0.0.1", 5432, "postgres", ""), "careerplace_lever", 3025,
            "http://127.0.0.1:8090", "key", Path.of("public.pem"), 1);

    @Test
    void moduleNamesMatchServices() {
        List<String> started = StackServices.all(SHARED).stream().map(StackServices.Service::module).toList();

        assertEquals(started, StackServices.moduleNames());
    }

    @Test
    void leverSyncRedirectsToItsOwnCallback() {
        StackServices.Service leverSync = StackServices.all(SHARED).get(0);

        assertEquals("http://127.0.0.1:8083/api/integrations/lever/oauth/callback",
                leverSync.properties().get("lever.oauth.redirect-uri"));
        assertEquals("http://127.0.0.1:8090/_sim/career-place-settings",
                leverSync.properties().get("leversync.connect.settings-url"));
    }

    @Test
    void orchestratorChecksPostingsAtLeverSync() {
        List<StackServices.Service> services = StackServices.all(SHARED);
        StackServices.Service orchestrator = services.get(1);

        assertEquals("funnel-orchestrator", orchestrator.module());
        assertEquals("http://127.0.0.1:" + services.get(0).httpPort(),
                orchestrator.properties().get(StackServices.ORCHESTRATOR_LEVER_SYNC_URL));
        assertEquals("lever-sync", services.get(0).module(), "lever-sync must start before the orchestrator");
    }
}
