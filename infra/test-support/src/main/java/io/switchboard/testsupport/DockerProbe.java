package io.switchboard.testsupport;

import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers "can Testcontainers run here?" quickly and quietly. Asking Testcontainers directly on a machine with no
 * Docker makes it log an ERROR with stack traces for every strategy it tries, so we first look for any sign of a
 * Docker endpoint (DOCKER_HOST, a testcontainers.properties, a known socket) and only then ask it, with a timeout.
 */
final class DockerProbe {

    record Result(boolean available, String reason) {
    }

    private DockerProbe() {
    }

    static Result probe(Duration timeout) {
        Optional<String> hint = endpointHint();
        if (hint.isEmpty()) {
            return new Result(false, "no DOCKER_HOST, no ~/.testcontainers.properties and no Docker socket found");
        }
        try {
            boolean available = CompletableFuture
                    .supplyAsync(() -> DockerClientFactory.instance().isDockerAvailable())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(available, available ? "Docker answered via " + hint.get()
                    : "Docker endpoint " + hint.get() + " did not answer");
        } catch (Exception e) {
            return new Result(false, "Docker probe via " + hint.get() + " failed or timed out: " + e);
        }
    }

    private static Optional<String> endpointHint() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return Optional.of("DOCKER_HOST=" + dockerHost);
        }
        Path home = Path.of(System.getProperty("user.home"));
        if (Files.isRegularFile(home.resolve(".testcontainers.properties"))) {
            return Optional.of("~/.testcontainers.properties");
        }
        if (System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            return Optional.of("Windows named pipe");
        }
        for (Path socket : candidateSockets(home)) {
            if (Files.exists(socket)) {
                return Optional.of(socket.toString());
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidateSockets(Path home) {
        List<Path> sockets = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock"),
                home.resolve(".orbstack/run/docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
            sockets.add(Path.of(runtimeDir, "podman/podman.sock"));
        }
        return sockets;
    }
}
