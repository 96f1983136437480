package io.switchboard.infra.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL runs as a child process that outlives a launcher killed with {@code kill -9} (shutdown hooks
 * never run), still holding its data directory and port, so the next start would fail with "port already in use".
 * Before starting on a kept data directory we read the server's own lock file ({@code postmaster.pid}: its first line
 * is the postmaster's pid), and if that process is a PostgreSQL server still alive, stop it the way PostgreSQL
 * wants: {@code pg_ctl stop -m fast} from the same binaries (falling back to killing it, after which PostgreSQL
 * recovers from its WAL on the next start).
 */
final class StalePostgres {
    private static final Logger log = LoggerFactory.getLogger(StalePostgres.class);
    static final String PID_FILE = "postmaster.pid";

    private StalePostgres() {
    }

    /** @return whether a stale server was found and stopped */
    static boolean stopIfRunning(Path dataDir, Duration timeout) {
        Optional<ProcessHandle> server = runningServer(dataDir);
        if (server.isEmpty()) {
            return false;
        }
        ProcessHandle postmaster = server.get();
        log.warn("A PostgreSQL server (pid {}) left running by an earlier start still owns {}; stopping it",
                postmaster.pid(), dataDir);
        boolean stopped = pgCtlStop(postmaster, dataDir, timeout) || kill(postmaster, timeout);
        if (!stopped) {
            throw new IllegalStateException("PostgreSQL (pid " + postmaster.pid() + ") still runs on " + dataDir
                    + " and could not be stopped; stop it by hand");
        }
        return true;
    }

    static Optional<ProcessHandle> runningServer(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            // A reused pid of some other program must not be touched: only a live postgres process counts.
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
                            .orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean pgCtlStop(ProcessHandle postmaster, Path dataDir, Duration timeout) {
        Optional<Path> pgCtl = postmaster.info().command().map(c -> Path.of(c).resolveSibling("pg_ctl"))
                .filter(Files::isExecutable);
        if (pgCtl.isEmpty()) {
            return false;
        }
        try {
            Process stop = new ProcessBuilder(pgCtl.get().toString(), "stop", "-D", dataDir.toString(), "-m", "fast",
                    "-w", "-t", Long.toString(Math.max(1, timeout.toSeconds())))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!stop.waitFor(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                stop.destroyForcibly();
                return false;
            }
            return postmaster.onExit().completeOnTimeout(postmaster, timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(p -> !p.isAlive()).join();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean kill(ProcessHandle postmaster, Duration timeout) {
        postmaster.destroyForcibly();
        return postmaster.onExit().completeOnTimeout(postmaster, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(p -> !p.isAlive()).join();
    }
}
