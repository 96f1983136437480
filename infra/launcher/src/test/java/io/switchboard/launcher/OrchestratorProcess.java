package io.switchboard.launcher;

import io.switchboard.orchestrator.OrchestratorApplication;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The orchestrator as a separate operating-system process on the test's classpath, so a test can kill it with
 * SIGKILL — no shutdown hook, no graceful close, exactly like a crashed machine.
 */
final class OrchestratorProcess {
    private final Process process;
    private final int port;
    private final Path log;

    private OrchestratorProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static OrchestratorProcess start(Map<String, String> settings) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile("orchestrator-process", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                OrchestratorApplication.class.getName(),
                "--" + OrchestratorApplication.CONFIG_NAME));
        settings.forEach((name, value) -> command.add("--" + name + "=" + value));
        command.add("--server.port=" + port);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new OrchestratorProcess(process, port, log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: the JVM gets no chance to flush, commit or close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() {
        return process.isAlive();
    }

    String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(File.separator.equals("/") ? "\n" : "\r\n",
                lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
