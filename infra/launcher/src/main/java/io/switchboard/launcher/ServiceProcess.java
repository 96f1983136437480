package io.switchboard.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Switchboard service (orchestrator or a worker) as its own operating-system process, so a system test or the
 * chaos harness can SIGKILL it: no shutdown hook, no flush, no graceful close — a crashed machine. Each start appends
 * to the same log file, so a post-mortem shows every incarnation.
 */
public final class ServiceProcess {
    private final Services.Kind kind;
    private final String name;
    private final Map<String, String> settings;
    private final List<String> jvmArgs;
    private final String classpath;
    private final Path log;
    private volatile Process process;
    private int starts;

    /** @param classpath the service's classpath (e.g. this JVM's {@code java.class.path}) */
    public ServiceProcess(Services.Kind kind, Map<String, String> settings, List<String> jvmArgs, String classpath,
                          Path logDir) {
        this(kind, kind.name().toLowerCase(Locale.ROOT), settings, jvmArgs, classpath, logDir);
    }

    /** @param name the instance's name, also its log file's ({@code orchestrator-2} → {@code orchestrator-2.log}) */
    public ServiceProcess(Services.Kind kind, String name, Map<String, String> settings, List<String> jvmArgs,
                          String classpath, Path logDir) {
        this.name = name;
        this.kind = kind;
        this.settings = Map.copyOf(settings);
        this.jvmArgs = List.copyOf(jvmArgs);
        this.classpath = classpath;
        this.log = logDir.resolve(name + ".log");
    }

    public synchronized void start() {
        if (alive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, kind.application().getName(), "--" + kind.configName()));
        settings.forEach((name, value) -> command.add("--" + name + "=" + value));
        try {
            Files.writeString(log, "==== start #" + (++starts) + " ====\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (starts == 1) {
                // A harness that ends (or fails) must not leave service JVMs behind on a shared machine.
                Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "kill-" + kind));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, then wait for the process to be gone. */
    public synchronized void kill() {
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

    /** SIGTERM: a graceful stop (consumers leave their groups at once, so nobody waits for a session timeout). */
    public synchronized void stop(Duration timeout) {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public Services.Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The last lines the service logged, for an assertion message. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits until the latest incarnation logged Spring Boot's "Started ..." line. */
    public void awaitStarted(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String marker = "==== start #" + starts + " ====";
        while (System.nanoTime() < deadline) {
            try {
                String text = Files.readString(log);
                int from = text.lastIndexOf(marker);
                if (from >= 0 && text.indexOf(" Started ", from) > 0) {
                    return;
                }
                if (!alive()) {
                    throw new IllegalStateException(name + " exited during start; see " + log);
                }
                Thread.sleep(250);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(name + " did not start within " + timeout + "; see " + log);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
