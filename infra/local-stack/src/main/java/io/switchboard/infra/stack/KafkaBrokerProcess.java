package io.switchboard.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link KafkaBrokerMain} JVM: the broker as its own process, so a chaos run can SIGKILL it (no flush, no clean
 * shutdown, like a crashed node) and start it again on the same ports and data directory. Each start appends to the
 * same log file next to the data directory.
 */
final class KafkaBrokerProcess {
    private final List<String> command;
    private final Path log;
    private Process process;
    private int starts;

    KafkaBrokerProcess(LocalKafkaConfig config, int port, int controllerPort, Path logDir) {
        this.log = logDir.resolveSibling(logDir.getFileName() + "-broker.log");
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-Xss512k", "-cp", config.processClasspath().isEmpty()
                        ? System.getProperty("java.class.path") : config.processClasspath(),
                KafkaBrokerMain.class.getName(),
                "--host=" + config.host(), "--port=" + port, "--controller-port=" + controllerPort,
                "--log-dir=" + logDir.toAbsolutePath(), "--partitions=" + config.numPartitions()));
        config.overrides().forEach((k, v) -> c.add("--broker." + k + "=" + v));
        this.command = List.copyOf(c);
    }

    synchronized void start() {
        if (alive()) {
            return;
        }
        try {
            Files.writeString(log, "==== start #" + (++starts) + " ====\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (starts == 1) {
                Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "kill-kafka-broker"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, and wait until the process is gone (its ports are free again). */
    synchronized void kill() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM (the broker shuts down cleanly), SIGKILL if it has not exited within {@code timeout}. */
    synchronized void stop(Duration timeout) {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    Path log() {
        return log;
    }
}
