package io.switchboard.infra.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A launcher killed with {@code kill -9} leaves its PostgreSQL running; the next start must not fail because of it. */
class StalePostgresTest {

    @Test
    void theNextStartStopsTheServerAKilledLauncherLeftRunningAndKeepsItsData(@TempDir Path stateDir) throws Exception {
        Path dataDir = stateDir.resolve("postgres");
        int port = FreePorts.pick("127.0.0.1");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledLauncherMain.class.getName(), dataDir.toString(),
                Integer.toString(port)).redirectErrorStream(true).start();
        long orphanPid;
        try {
            awaitReady(launcher);
            orphanPid = StalePostgres.runningServer(dataDir).orElseThrow().pid();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                    "postgres", "postgres")) {
                c.createStatement().execute("create table kept (note text); insert into kept values ('before the crash')");
            }
        } finally {
            launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // SIGKILL: no shutdown hook runs
        }
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("the server outlived its launcher")
                .contains(true);

        LocalPostgresConfig config = LocalPostgresConfig.forLocalStack(dataDir).withPort(port);
        try (LocalPostgres restarted = LocalPostgres.start(config);
             Connection c = restarted.connect();
             ResultSet rs = c.createStatement().executeQuery("select note from kept")) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).as("the orphan was stopped")
                    .isFalse();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the data survived").isEqualTo("before the crash");
        }
    }

    @Test
    void aPidFileOfAProcessThatIsNotPostgresIsLeftAlone(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve(StalePostgres.PID_FILE), ProcessHandle.current().pid() + "\n");

        assertThat(StalePostgres.runningServer(dataDir)).isEmpty();
        assertThat(StalePostgres.stopIfRunning(dataDir, Duration.ofSeconds(1))).isFalse();
    }

    private static void awaitReady(Process launcher) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String line;
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            if (line.equals("READY")) {
                // Keep draining so the child never blocks on a full pipe.
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError("the launcher JVM did not start PostgreSQL");
    }
}
