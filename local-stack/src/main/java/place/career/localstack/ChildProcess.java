package place.career.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by this process with its output appended to a log file. It is stopped with
 * SIGTERM to its own PID, killed if it has not exited after a grace period, and stopped by a
 * shutdown hook if the launcher exits first.
 */
final class ChildProcess {

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final long logOffset;
    private final Thread shutdownHook;
    private volatile boolean stopsLast;

    // Children started by this JVM and not stopped yet. The JVM runs all shutdown hooks at once,
    // so a child that must outlive the others (the broker) waits for them in its hook.
    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Duration WAIT_FOR_OTHERS = Duration.ofSeconds(30);

    private ChildProcess(String name, Process process, Path logFile, long logOffset) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.logOffset = logOffset;
        this.shutdownHook = new Thread(this::stopOnShutdown, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        RUNNING.add(this);
    }

    /**
     * Starts {@code mainClass} in a new JVM through {@link ParentWatch}.
     *
     * @param classpath entries of the child's classpath, to which this module's classes are added
     * @param env variables added to the inherited environment
     */
    static ChildProcess startJava(String name, List<String> jvmArgs, List<String> classpath,
            String mainClass, List<String> args, Map<String, String> env, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmArgs);
        List<String> fullClasspath = new ArrayList<>(classpath);
        fullClasspath.add(ownCodeLocation());
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, fullClasspath));
        command.add(ParentWatch.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(args);
        return start(name, command, env, logFile);
    }

    private static ChildProcess start(String name, List<String> command, Map<String, String> env,
            Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            return new ChildProcess(name, builder.start(), logFile, offset);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + command, e);
        }
    }

    /**
     * Runs a short-lived JVM to completion, for example a storage format tool.
     *
     * @throws IllegalStateException when it exits with a non-zero status or times out
     */
    static void runJava(String name, List<String> jvmArgs, List<String> classpath, String mainClass,
            List<String> args, Path logFile, Duration timeout) {
        ChildProcess child =
                startJava(name, jvmArgs, classpath, mainClass, args, Map.of(), logFile);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.stop(Duration.ofSeconds(5));
                throw new IllegalStateException(name + " timed out after " + timeout.toSeconds()
                        + " s; see " + logFile + "\n" + child.logTail(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.stop(Duration.ofSeconds(5));
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
        child.removeShutdownHook();
        if (child.process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with exit status "
                    + child.process.exitValue() + "; see " + logFile + "\n" + child.logTail(20));
        }
    }

    String name() {
        return name;
    }

    /**
     * Makes the JVM shutdown hook stop this child only after every other child of this JVM has
     * exited (at most 30 s), so services can still reach it while they shut down.
     */
    void stopAfterOtherChildren() {
        stopsLast = true;
    }

    private void stopOnShutdown() {
        if (stopsLast) {
            long deadline = System.nanoTime() + WAIT_FOR_OTHERS.toNanos();
            while (System.nanoTime() < deadline && RUNNING.stream()
                    .anyMatch(other -> other != this && !other.stopsLast && other.isAlive())) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        stop(Duration.ofSeconds(15));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    Path logFile() {
        return logFile;
    }

    /** Returns whether the text appears in the output written since this process started. */
    boolean logContains(String text) {
        return readLogSinceStart().contains(text);
    }

    /** Returns the last lines of the output written since this process started. */
    String logTail(int lines) {
        String[] all = readLogSinceStart().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", List.of(all).subList(from, all.length));
    }

    /** Sends SIGTERM to the child's PID without waiting for it to exit. */
    void requestStop() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    /**
     * Sends SIGTERM to the child's PID, waits up to {@code grace} for it to exit, then kills it.
     * Does nothing when the child has already exited.
     */
    void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        RUNNING.remove(this);
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running or has run.
        }
    }

    private String readLogSinceStart() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length() - logOffset;
            if (length <= 0) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length, Integer.MAX_VALUE)];
            file.seek(logOffset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Returns the directory or jar that contains this module's classes. */
    private static String ownCodeLocation() {
        try {
            return Path.of(ChildProcess.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the local-stack classes", e);
        }
    }
}
