package place.career.leversim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import place.career.leversim.admin.AccountSeeder;

/**
 * Runs the simulator as a standalone process until it is stopped (SIGTERM or Ctrl-C).
 *
 * <pre>
 * java -jar lever-simulator.jar [--port 8090] [--seed accounts.json] [--no-rate-limit]
 * </pre>
 */
public final class Main {

    private static final int DEFAULT_PORT = 8090;

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        LeverSimulator simulator = LeverSimulator.start(options.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "lever-sim-shutdown"));
        if (!options.rateLimit()) {
            simulator.setRateLimitEnabled(false);
        }
        if (options.seedFile() != null) {
            seed(simulator, options.seedFile());
        }
        printUrls(simulator, System.out);
        stopped.await();
    }

    private static void seed(LeverSimulator simulator, Path seedFile) {
        try {
            byte[] json = Files.readAllBytes(seedFile);
            int accounts = AccountSeeder.seedAll(simulator, json);
            System.out.println("Seeded " + accounts + " account(s) from " + seedFile);
        } catch (IOException | IllegalArgumentException e) {
            simulator.close();
            System.err.println("Cannot seed from " + seedFile + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void printUrls(LeverSimulator simulator, PrintStream out) {
        out.println("Lever simulator listening on " + simulator.baseUrl());
        out.println("  Data API        " + simulator.apiBaseUrl());
        out.println("  OAuth audience  " + simulator.apiBaseUrl() + "/");
        out.println("  OAuth authorize " + simulator.authorizeUrl());
        out.println("  OAuth token     " + simulator.tokenUrl());
        out.println("  Admin           " + simulator.baseUrl() + "/_sim");
        out.flush();
    }

    /** Parsed command line. */
    record Options(int port, Path seedFile, boolean rateLimit, boolean help) {

        static final String USAGE = "Usage: java -jar lever-simulator.jar [--port PORT] "
                + "[--seed FILE] [--no-rate-limit]\n"
                + "  --port PORT      TCP port on 127.0.0.1, 0 for a free one (default "
                + DEFAULT_PORT + ")\n"
                + "  --seed FILE      JSON file with one account seed or an array of them, in "
                + "the format of POST /_sim/accounts\n"
                + "  --no-rate-limit  serve every request instead of answering 429 above "
                + "10 requests/s per account";

        static Options parse(String[] args) {
            int port = DEFAULT_PORT;
            Path seedFile = null;
            boolean rateLimit = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = parsePort(value(args, ++i, "--port"));
                    case "--seed" -> seedFile = Path.of(value(args, ++i, "--seed"));
                    case "--no-rate-limit" -> rateLimit = false;
                    case "--help", "-h" -> {
                        return new Options(port, seedFile, rateLimit, true);
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
            }
            return new Options(port, seedFile, rateLimit, false);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException("Missing value after " + option);
            }
            return args[index];
        }

        private static int parsePort(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // Reported below together with out-of-range values.
            }
            throw new IllegalArgumentException("Invalid port " + text + ", expected 0 to 65535");
        }
    }
}
