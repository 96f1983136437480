package io.switchboard.infra.stack;

import java.nio.file.Path;

/**
 * Plays a launcher in a separate JVM for {@link StalePostgresTest}: starts the embedded PostgreSQL on a data
 * directory and port, says so, and waits to be killed with SIGKILL (so no shutdown hook stops the server).
 */
public final class KilledLauncherMain {
    private KilledLauncherMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalPostgres.start(LocalPostgresConfig.forLocalStack(Path.of(args[0])).withPort(Integer.parseInt(args[1])));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
