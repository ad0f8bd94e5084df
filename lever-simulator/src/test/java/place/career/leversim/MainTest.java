package place.career.leversim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void optionsDefaultToPort8090WithRateLimit() {
        Main.Options options = Main.Options.parse(new String[0]);

        assertEquals(8090, options.port());
        assertTrue(options.rateLimit());
        assertNull(options.seedFile());
    }

    @Test
    void optionsParseAllFlags() {
        Main.Options options = Main.Options.parse(
                new String[] {"--port", "0", "--seed", "demo.json", "--no-rate-limit"});

        assertEquals(0, options.port());
        assertEquals(Path.of("demo.json"), options.seedFile());
        assertFalse(options.rateLimit());
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Main.Options.parse(new String[] {"--port", "70000"}));
        assertThrows(IllegalArgumentException.class,
                () -> Main.Options.parse(new String[] {"--port"}));
        assertThrows(IllegalArgumentException.class,
                () -> Main.Options.parse(new String[] {"--verbose"}));
    }

    @Test
    void printedUrlsNameEveryEndpoint() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (LeverSimulator simulator = LeverSimulator.start(0)) {
            Main.printUrls(simulator, new PrintStream(buffer, true, StandardCharsets.UTF_8));

            String printed = buffer.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains(simulator.apiBaseUrl()));
            assertTrue(printed.contains(simulator.tokenUrl()));
            assertTrue(printed.contains(simulator.authorizeUrl()));
            assertTrue(printed.contains(simulator.baseUrl() + "/_sim"));
        }
    }
}
