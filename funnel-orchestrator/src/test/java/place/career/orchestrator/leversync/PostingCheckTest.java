package place.career.orchestrator.leversync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import place.career.orchestrator.config.OrchestratorConfig;
import place.career.orchestrator.http.ProblemException;
import place.career.orchestrator.support.OrchestratorTestBase;

/** The posting check against a lever-sync address where nothing listens. */
@QuarkusTest
class PostingCheckTest extends OrchestratorTestBase {

    @Test
    void refusedConnectionGets503() throws IOException {
        PostingCheck check = new PostingCheck(config(URI.create("http://127.0.0.1:" + closedPort())));

        RuntimeException failure = assertThrows(RuntimeException.class, () -> check
                .requireExisting("posting-1", "Bearer token", "request-1")
                .await().atMost(Duration.ofSeconds(10)));

        ProblemException problem = assertInstanceOf(ProblemException.class, failure);
        assertEquals(503, problem.status());
        assertEquals("posting-check-unavailable", problem.type());
        assertEquals(PostingCheck.RETRY_AFTER, problem.retryAfter());
        assertTrue(problem.getMessage().contains("lever-sync refused the connection"), problem.getMessage());
        assertTrue(problem.getMessage().contains("try again"), problem.getMessage());
    }

    /** Returns a loopback port that was free a moment ago and has no listener now. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static OrchestratorConfig config(URI leverSyncUrl) {
        OrchestratorConfig.LeverSync leverSync = new OrchestratorConfig.LeverSync() {
            @Override
            public URI url() {
                return leverSyncUrl;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(2);
            }
        };
        return new OrchestratorConfig() {
            @Override
            public Relay relay() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Consumer consumer() {
                throw new UnsupportedOperationException();
            }

            @Override
            public LeverSync leverSync() {
                return leverSync;
            }
        };
    }
}
