package place.career.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import place.career.leversim.LeverSimulator;
import place.career.localstack.demo.CandidateDemo;
import place.career.localstack.demo.LeverTenant;

/**
 * Starts the whole system on 127.0.0.1 for a demo: a Kafka broker, the Lever simulator, an SMTP
 * sink and the four packaged services, on the database {@code careerplace_lever}. Everything
 * stops when this JVM stops (Ctrl-C or SIGTERM).
 *
 * <p>Commands: {@code run} (the default) starts the stack and waits. {@code status} prints the
 * components of a running stack. {@code token <organization-id> [<user-id>]} prints an org-admin
 * bearer token for the setup APIs, valid for 12 hours.
 *
 * <p>Options of {@code run}: {@code --clock-speed <n>} runs the notifier's clock {@code n} times
 * faster than real time. {@code --services <list>} starts only the named services
 * (comma-separated, or {@code none}), for example to run one of them in Quarkus dev mode against
 * the rest. {@code --no-demo} skips the demo that otherwise walks one candidate through the
 * system once everything is ready; the demo also needs all four services.
 */
public final class LocalStack {

    /** Client port of the broker, the same as lever-sync's default bootstrap address. */
    static final int KAFKA_PORT = 19092;
    static final int SIMULATOR_PORT = 8090;
    static final int SMTP_PORT = 3025;

    // A service starts in about 3 s on an idle machine. The margin covers a machine that is busy
    // with builds and tests at the same time.
    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(180);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Map<String, Integer> STACK_PORTS = stackPorts();

    private final Path root;
    private final Path localDir;
    private final double clockSpeed;
    private final List<String> serviceFilter;
    private final boolean runDemo;
    private final StackState state;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private KafkaBroker broker;
    private LeverSimulator simulator;
    private SmtpSink smtp;

    private LocalStack(Path root, double clockSpeed, List<String> serviceFilter, boolean runDemo) {
        this.root = root;
        this.localDir = root.resolve(".local");
        this.clockSpeed = clockSpeed;
        this.serviceFilter = serviceFilter;
        this.runDemo = runDemo;
        this.state = new StackState(localDir.resolve("stack.properties"));
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            printToken(args);
            return;
        }
        String command = "run";
        double clockSpeed = 1;
        List<String> serviceFilter = null;
        boolean runDemo = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "run", "status" -> command = args[i];
                case "--clock-speed" -> clockSpeed = parseSpeed(args, ++i);
                case "--services" -> serviceFilter = parseServices(args, ++i);
                case "--no-demo" -> runDemo = false;
                default -> exitWithUsage("Unknown argument: " + args[i]);
            }
        }
        Path root = ProjectPaths.projectRoot();
        if (command.equals("status")) {
            System.exit(printStatus(root));
        }
        exitIfStackRunning(root);
        new LocalStack(root, clockSpeed, serviceFilter, runDemo && serviceFilter == null).run();
    }

    private void run() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop-local-stack"));
        try {
            start();
        } catch (RuntimeException e) {
            say("start failed: " + e.getMessage());
            state.phase("failed");
            System.exit(1);
        }
        state.phase("ready");
        say("the local stack is ready");
        System.out.print(state.describe());
        if (runDemo) {
            runDemo();
        }
        say("Ctrl-C stops the stack (or 'bin/stack stop' when it runs in the background)");
        watchServices();
    }

    private void start() {
        state.phase("starting");
        Postgres postgres = Postgres.fromEnvironment();
        postgres.ensureRoleAndDatabases(Postgres.STACK_DATABASE);
        say("PostgreSQL " + postgres.host() + ":" + postgres.port() + " database "
                + Postgres.STACK_DATABASE + " is present");

        broker = KafkaBroker.start(localDir.resolve("kafka"), KAFKA_PORT);
        state.add(new StackState.Component("kafka", broker.pid(), broker.bootstrapServers(),
                StackState.Probe.TCP, relative(broker.logFile())));
        StackTopics.create(broker.bootstrapServers());
        say("Kafka broker on " + broker.bootstrapServers() + " with the event topics, "
                + StackTopics.PARTITIONS + " partitions each");

        simulator = LeverSimulator.start(SIMULATOR_PORT);
        // Lever only redirects to registered URIs, so an admin can connect an account by hand.
        simulator.registerClient(LeverSimulator.DEFAULT_CLIENT_ID,
                LeverSimulator.DEFAULT_CLIENT_SECRET, List.of(StackServices.leverRedirectUri()));
        state.add(new StackState.Component("lever-simulator", ProcessHandle.current().pid(),
                simulator.baseUrl(), StackState.Probe.HTTP, "(launcher output)"));
        say("Lever simulator on " + simulator.baseUrl());

        smtp = SmtpSink.start(SMTP_PORT);
        state.add(new StackState.Component("smtp-sink", ProcessHandle.current().pid(),
                smtp.host() + ":" + smtp.port(), StackState.Probe.TCP, "(launcher output)"));
        say("SMTP sink on " + smtp.host() + ":" + smtp.port());

        StackKeys keys = new StackKeys(localDir);
        StackServices.Shared shared = new StackServices.Shared(broker.bootstrapServers(), postgres,
                Postgres.STACK_DATABASE, smtp.port(), simulator.baseUrl(), keys.secretsKey(),
                keys.tokenPublicKey(), clockSpeed);
        for (StackServices.Service service : StackServices.all(shared)) {
            if (serviceFilter == null || serviceFilter.contains(service.module())) {
                startService(service);
            } else {
                say("not starting " + service.module() + " (left out by --services)");
            }
        }
    }

    private void startService(StackServices.Service spec) {
        Path log = localDir.resolve("logs").resolve(spec.module() + ".log");
        say("starting " + spec.module() + " on port " + spec.httpPort() + ", log " + relative(log));
        ServiceProcess service = ServiceProcess.builder(spec.module())
                .projectRoot(root)
                .httpPort(spec.httpPort())
                .logFile(log)
                .systemProperties(spec.properties())
                .readyTimeout(SERVICE_READY_TIMEOUT)
                .start();
        services.add(service);
        state.add(new StackState.Component(spec.module(), service.pid(), service.baseUrl(),
                StackState.Probe.HTTP_READY, relative(log)));
    }

    /**
     * Walks one candidate through the system and prints the e-mail, tags and notes. A failed demo
     * is reported but leaves the stack running, so its logs can be read.
     */
    private void runDemo() {
        say("demo: one candidate from Lever webhook to qualified");
        StackKeys keys = new StackKeys(localDir);
        LeverTenant.Endpoints endpoints = new LeverTenant.Endpoints(
                serviceUrl("webhook-ingress") + "/api/integrations/lever/webhooks/application",
                serviceUrl("lever-sync"), serviceUrl("funnel-orchestrator"));
        try {
            new CandidateDemo(simulator, smtp, broker.bootstrapServers(), endpoints,
                    (organization, user) -> keys.adminToken(organization, user, Duration.ofHours(1)),
                    System.out).run();
            say("demo finished; the Lever simulator's endpoints are listed at " + simulator.baseUrl()
                    + "/_sim/ and in lever-simulator/README.md");
        } catch (RuntimeException e) {
            say("demo failed: " + e.getMessage() + "; service logs are in "
                    + relative(localDir.resolve("logs")));
        }
    }

    private String serviceUrl(String module) {
        return services.stream().filter(service -> service.name().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalStateException(module + " is not running"))
                .baseUrl();
    }

    /** Blocks until the stack stops, reporting a service that exits on its own. */
    private void watchServices() {
        List<ServiceProcess> reported = new ArrayList<>();
        try {
            while (!stopped.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
                for (ServiceProcess service : services) {
                    if (!stopping && !service.isAlive() && !reported.contains(service)) {
                        reported.add(service);
                        say(service.name() + " exited; see " + relative(service.logFile()));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the services together, then the other components. Runs once, from the shutdown hook. */
    private void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        stopping = true;
        say("stopping");
        ServiceProcess.stopAll(services);
        if (smtp != null) {
            smtp.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (broker != null) {
            broker.stop();
        }
        state.phase("stopped");
        say("stopped");
        stopped.countDown();
    }

    /**
     * Exits with status 1 before anything is written when another launcher of this checkout is
     * alive or a port of the stack is taken, so a second run cannot disturb a running stack.
     */
    private static void exitIfStackRunning(Path root) {
        StackState previous = StackState.read(root.resolve(".local/stack.properties"));
        boolean launcherAlive = ProcessHandle.of(previous.launcherPid())
                .filter(ProcessHandle::isAlive)
                .flatMap(process -> process.info().commandLine())
                .map(command -> command.contains(LocalStack.class.getName()))
                .orElse(false);
        if (previous.exists() && launcherAlive && previous.launcherPid() != ProcessHandle.current().pid()) {
            System.err.printf("A local stack is already running (launcher PID %d). Stop it with Ctrl-C in its"
                    + " terminal or 'bin/stack stop', then start again.%n", previous.launcherPid());
            System.exit(1);
        }
        List<String> portsInUse = new ArrayList<>();
        for (var port : STACK_PORTS.entrySet()) {
            if (!FreePorts.isFree(port.getValue())) {
                portsInUse.add(port.getValue() + " (" + port.getKey() + ")");
            }
        }
        if (!portsInUse.isEmpty()) {
            System.err.println("Ports of the local stack are in use on 127.0.0.1: " + String.join(", ", portsInUse)
                    + ". Stop the program that holds them, for example another local stack, then start again.");
            System.exit(1);
        }
    }

    /**
     * Prints the stack's components and returns the exit status: 0 when every component is up, 1
     * when the launcher runs but a component is not up, 3 when no stack is running.
     */
    private static int printStatus(Path root) {
        StackState state = StackState.read(root.resolve(".local/stack.properties"));
        if (!state.exists()) {
            System.out.println("No local stack has run in " + root);
            return 3;
        }
        boolean launcherAlive = ProcessHandle.of(state.launcherPid())
                .map(ProcessHandle::isAlive).orElse(false);
        StackState.Report report = state.report();
        if (launcherAlive) {
            String health = report.notUp().isEmpty()
                    ? ""
                    : ", but not up: " + String.join(", ", report.notUp())
                            + " (see the LOG column)";
            System.out.printf("Local stack: %s (launcher PID %d)%s%n", state.phase(),
                    state.launcherPid(), health);
        } else {
            System.out.printf("Local stack: not running (launcher PID %d is gone, last phase %s)%n",
                    state.launcherPid(), state.phase());
        }
        System.out.print(report.table());
        if (!launcherAlive) {
            return 3;
        }
        return report.notUp().isEmpty() ? 0 : 1;
    }

    private static void printToken(String[] args) {
        if (args.length < 2 || args.length > 3) {
            exitWithUsage("token needs an organization id and optionally a user id");
        }
        if (args[1].isBlank()) {
            exitWithUsage("token: the organization id is empty");
        }
        String userId = args.length == 3 ? args[2] : "local-admin";
        StackKeys keys = new StackKeys(ProjectPaths.projectRoot().resolve(".local"));
        try {
            System.out.println(keys.adminToken(args[1], userId, Duration.ofHours(12)));
        } catch (IllegalArgumentException e) {
            exitWithUsage("token: " + e.getMessage()
                    + ". Use ids of letters, digits and . _ : - such as org-demo admin-1");
        }
    }

    private String relative(Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString();
    }

    private static double parseSpeed(String[] args, int index) {
        if (index >= args.length) {
            exitWithUsage("--clock-speed needs a number");
        }
        try {
            double speed = Double.parseDouble(args[index]);
            if (speed < 1) {
                exitWithUsage("--clock-speed must be 1 or more: " + args[index]);
            }
            return speed;
        } catch (NumberFormatException e) {
            exitWithUsage("--clock-speed is not a number: " + args[index]);
            return 1;
        }
    }

    /** Returns the named services, or an empty list for {@code none}. */
    private static List<String> parseServices(String[] args, int index) {
        if (index >= args.length) {
            exitWithUsage("--services needs a comma-separated list of modules, or none");
        }
        List<String> known = StackServices.moduleNames();
        List<String> names = new ArrayList<>();
        for (String name : args[index].split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty() || trimmed.equals("none")) {
                continue;
            }
            if (!known.contains(trimmed)) {
                exitWithUsage("--services: unknown module " + trimmed + "; use one or more of "
                        + String.join(",", known) + ", or none");
            }
            names.add(trimmed);
        }
        return names;
    }

    private static void exitWithUsage(String problem) {
        System.err.println(problem);
        System.err.println("Usage: bin/stack [run|start] [--skip-build] [--clock-speed <n>]"
                + " [--services <module,...>|none] [--no-demo]");
        System.err.println("       bin/stack stop | status | token <organization-id> [<user-id>]");
        System.err.println("Run bin/stack --help for details.");
        System.exit(2);
    }

    private static Map<String, Integer> stackPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("Kafka", KAFKA_PORT);
        ports.put("Lever simulator", SIMULATOR_PORT);
        ports.put("SMTP sink", SMTP_PORT);
        ports.put("webhook-ingress", StackServices.WEBHOOK_INGRESS_PORT);
        ports.put("funnel-orchestrator", StackServices.FUNNEL_ORCHESTRATOR_PORT);
        ports.put("lever-sync", StackServices.LEVER_SYNC_PORT);
        ports.put("notifier", StackServices.NOTIFIER_PORT);
        return ports;
    }

    private static void say(String message) {
        System.out.printf("[stack %s] %s%n", LocalTime.now().format(CLOCK), message);
    }
}
