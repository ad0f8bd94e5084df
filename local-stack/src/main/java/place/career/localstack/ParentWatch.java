package place.career.localstack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every child JVM: runs the real main class and exits the child when the process
 * that launched it is gone.
 *
 * <p>Shutdown hooks do not run when a launcher is killed with SIGKILL, so without this watch a
 * killed test run or stack would leave brokers and services running. {@code System.exit} still
 * runs the child's own shutdown hooks, so Kafka and Quarkus stop cleanly.
 *
 * <p>Arguments: the launcher's PID, the main class, then that class's arguments.
 */
public final class ParentWatch {

    private ParentWatch() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "Usage: ParentWatch <parent-pid> <main-class> [args...]");
        }
        long parentPid = Long.parseLong(args[0]);
        watchParent(parentPid);

        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watchParent(long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            System.err.printf("Launcher process %d is already gone, exiting%n", parentPid);
            System.exit(1);
        }
        Thread watcher = new Thread(() -> {
            parent.get().onExit().join();
            System.err.printf("Launcher process %d exited, stopping this child process%n",
                    parentPid);
            System.exit(1);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
