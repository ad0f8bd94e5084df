package place.career.leversync;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import place.career.leversync.deadletter.DeadLetterRedrive;

/**
 * Entry point: runs the service, or with the first argument {@code redrive} the dead-letter
 * redrive command, which starts neither Quarkus nor the consumers.
 */
@QuarkusMain
public final class LeverSyncMain {

    private LeverSyncMain() {}

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("redrive")) {
            int exitCode = DeadLetterRedrive.run(Arrays.asList(args).subList(1, args.length), System.out);
            System.exit(exitCode);
        }
        Quarkus.run(args);
    }
}
