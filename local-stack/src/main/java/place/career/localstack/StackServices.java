package place.career.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import place.career.leversim.LeverSimulator;
import place.career.localstack.demo.LeverTenant;

/**
 * The four services of the local stack, their ports, and the configuration each one gets on top
 * of its own {@code application.properties}.
 *
 * <p>This is the one place to wire a service's settings for the local stack. Every key here is one
 * that the service declares, and a setting that no service declares is left out.
 */
public final class StackServices {

    /** One service: its Maven module, its HTTP port and its extra configuration. */
    public record Service(String module, int httpPort, Map<String, String> properties) {}

    /** Settings shared by every service, computed once per stack start. */
    public record Shared(String kafkaBootstrap, Postgres postgres, String database, int smtpPort,
            String simulatorBaseUrl, String secretsKey, Path tokenPublicKey, double clockSpeed) {}

    static final int WEBHOOK_INGRESS_PORT = 8081;
    static final int FUNNEL_ORCHESTRATOR_PORT = 8082;
    static final int LEVER_SYNC_PORT = 8083;
    static final int NOTIFIER_PORT = 8084;

    /** Setting of funnel-orchestrator that names lever-sync's base URL, for the posting check of job links. */
    public static final String ORCHESTRATOR_LEVER_SYNC_URL = "orchestrator.lever-sync.url";

    /** Key id under which the local stack's secrets key is configured. */
    private static final String SECRETS_KEY_ID = "local";

    private StackServices() {}

    /** Returns the Maven modules of the services, in start order. */
    public static List<String> moduleNames() {
        return List.of("lever-sync", "funnel-orchestrator", "notifier", "webhook-ingress");
    }

    /** Returns lever-sync's OAuth callback URL when it listens on {@code port} of 127.0.0.1. */
    public static String leverRedirectUri(int port) {
        return leverSyncUrl(port) + LeverTenant.OAUTH_CALLBACK_PATH;
    }

    /** Returns lever-sync's base URL when it listens on {@code port} of 127.0.0.1. */
    public static String leverSyncUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** Returns lever-sync's OAuth callback URL on the local stack's port. */
    public static String leverRedirectUri() {
        return leverRedirectUri(LEVER_SYNC_PORT);
    }

    /**
     * Returns the services in start order. lever-sync comes first because webhook-ingress reads
     * the installations it publishes and funnel-orchestrator calls it to check postings.
     * webhook-ingress comes last, so that webhooks arrive at a system that is up.
     */
    public static List<Service> all(Shared shared) {
        return List.of(
                new Service("lever-sync", LEVER_SYNC_PORT, leverSync(shared)),
                new Service("funnel-orchestrator", FUNNEL_ORCHESTRATOR_PORT,
                        funnelOrchestrator(shared)),
                new Service("notifier", NOTIFIER_PORT, notifier(shared)),
                new Service("webhook-ingress", WEBHOOK_INGRESS_PORT, webhookIngress(shared)));
    }

    private static Map<String, String> common(Shared shared) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", shared.kafkaBootstrap());
        properties.put("quarkus.datasource.jdbc.url", shared.postgres().jdbcUrl(shared.database()));
        properties.put("quarkus.datasource.reactive.url",
                shared.postgres().reactiveUrl(shared.database()));
        properties.put("quarkus.datasource.username", Postgres.ROLE);
        properties.put("quarkus.datasource.password", Postgres.ROLE_PASSWORD);
        return properties;
    }

    private static Map<String, String> leverSync(Shared shared) {
        Map<String, String> properties = common(shared);
        properties.put("lever.api.base-url", shared.simulatorBaseUrl() + "/v1");
        properties.put("lever.oauth.token-url", shared.simulatorBaseUrl() + "/oauth/token");
        properties.put("lever.oauth.authorize-url", shared.simulatorBaseUrl() + "/authorize");
        properties.put("lever.oauth.client-id", LeverSimulator.DEFAULT_CLIENT_ID);
        properties.put("lever.oauth.client-secret", LeverSimulator.DEFAULT_CLIENT_SECRET);
        // Verifies the admin tokens that `bin/stack token` issues for the setup API.
        properties.put("mp.jwt.verify.publickey.location", shared.tokenPublicKey().toString());
        properties.put("lever.oauth.redirect-uri", leverRedirectUri(LEVER_SYNC_PORT));
        // After connecting, the callback sends the admin to a stand-in of career.place's
        // settings page that the simulator serves.
        properties.put("leversync.connect.settings-url",
                shared.simulatorBaseUrl() + "/_sim/career-place-settings");
        properties.putAll(secrets(shared));
        return properties;
    }

    private static Map<String, String> funnelOrchestrator(Shared shared) {
        Map<String, String> properties = common(shared);
        // Verifies the admin tokens that `bin/stack token` issues for the setup API.
        properties.put("mp.jwt.verify.publickey.location", shared.tokenPublicKey().toString());
        properties.put(ORCHESTRATOR_LEVER_SYNC_URL, leverSyncUrl(LEVER_SYNC_PORT));
        return properties;
    }

    private static Map<String, String> notifier(Shared shared) {
        Map<String, String> properties = common(shared);
        properties.put("quarkus.mailer.host", "127.0.0.1");
        properties.put("quarkus.mailer.port", Integer.toString(shared.smtpPort()));
        properties.put("quarkus.mailer.mock", "false");
        properties.put("notifier.public-base-url", "http://127.0.0.1:" + NOTIFIER_PORT);
        properties.put("notifier.clock.speed", Double.toString(shared.clockSpeed()));
        return properties;
    }

    private static Map<String, String> webhookIngress(Shared shared) {
        Map<String, String> properties = common(shared);
        properties.putAll(secrets(shared));
        return properties;
    }

    /** Returns the key that lever-sync seals secrets with and webhook-ingress opens them with. */
    private static Map<String, String> secrets(Shared shared) {
        return Map.of(
                "cpl.secrets.active-key-id", SECRETS_KEY_ID,
                "cpl.secrets.keys." + SECRETS_KEY_ID, shared.secretsKey());
    }
}
