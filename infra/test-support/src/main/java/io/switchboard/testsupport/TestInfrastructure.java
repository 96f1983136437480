package io.switchboard.testsupport;

import io.switchboard.infra.stack.LocalKafka;
import io.switchboard.infra.stack.LocalKafkaConfig;
import io.switchboard.infra.stack.LocalPostgres;
import io.switchboard.infra.stack.LocalPostgresConfig;
import io.switchboard.infra.stack.LocalSmtp;
import io.switchboard.infra.stack.LocalSmtpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One real Kafka broker and one real PostgreSQL server per test JVM, started lazily on first use and stopped by a
 * shutdown hook. Where they come from is decided once per resource and logged with the reason:
 * <ol>
 *   <li>{@code SWITCHBOARD_TEST_KAFKA_BOOTSTRAP} / {@code SWITCHBOARD_TEST_JDBC_URL} (+ {@code _USERNAME},
 *       {@code _PASSWORD}) set: use that server;</li>
 *   <li>else Docker answers (or {@code SWITCHBOARD_TEST_INFRA=containers}): Testcontainers;</li>
 *   <li>else (or {@code SWITCHBOARD_TEST_INFRA=embedded}): the local-stack broker and database on free ports.</li>
 * </ol>
 * Tests isolate themselves with {@link #newDatabase(String)} and unique topic names, not with separate servers.
 */
public final class TestInfrastructure {
    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final AtomicLong COUNTER = new AtomicLong();

    private static CompletableFuture<SharedKafka> kafka;
    private static CompletableFuture<SharedPostgres> postgres;
    private static LocalSmtp sharedSmtp;
    private static DockerProbe.Result docker;
    private static final CreatedDatabases createdDatabases = new CreatedDatabases();
    private static boolean shutdownHookInstalled;

    private TestInfrastructure() {
    }

    // ---- Kafka ----

    public static String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    public static InfrastructureSource kafkaSource() {
        return kafka().source();
    }

    /** Creates topics (idempotent) on the shared broker. */
    public static void createTopics(int partitions, String... topics) {
        LocalKafka.createTopics(kafkaBootstrapServers(), List.of(topics), partitions, TestSettings.adminTimeout());
    }

    /** A unique prefix such as {@code t42-5f1a9c.} for topic and group names of one test. */
    public static String newTopicPrefix() {
        return "t" + COUNTER.incrementAndGet() + "-" + randomHex() + ".";
    }

    // ---- PostgreSQL ----

    /** JDBC URL of the server's default database; use {@link #newDatabase(String)} for a test's own data. */
    public static String jdbcUrl() {
        return postgres().server().jdbcUrl();
    }

    public static String username() {
        return postgres().server().username();
    }

    public static String password() {
        return postgres().server().password();
    }

    public static InfrastructureSource postgresSource() {
        return postgres().source();
    }

    /**
     * Creates a fresh, empty database named after the prefix (lower-cased, made unique) and returns its JDBC URL.
     * Connect with {@link #username()} / {@link #password()}.
     */
    public static String newDatabase(String prefix) {
        String name = uniqueDatabaseName(prefix);
        SharedPostgres pg = postgres();
        String url = pg.server().createDatabase(name);
        createdDatabases.add(name);
        log.debug("Created test database {} ({})", name, url);
        return url;
    }

    static String uniqueDatabaseName(String prefix) {
        String base = (prefix == null ? "" : prefix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "db_" + base;
        }
        base = base.length() > 40 ? base.substring(0, 40) : base;
        return base + "_" + COUNTER.incrementAndGet() + "_" + randomHex();
    }

    // ---- SMTP ----

    /** One SMTP server shared by the JVM; call {@link LocalSmtp#reset()} between tests that count messages. */
    public static synchronized LocalSmtp smtp() {
        if (sharedSmtp == null) {
            installShutdownHook();
            sharedSmtp = LocalSmtp.start(LocalSmtpConfig.forTests());
        }
        return sharedSmtp;
    }

    /** A fresh SMTP server on a free port (starts in milliseconds); the caller closes it. */
    public static LocalSmtp newSmtp() {
        return LocalSmtp.start(LocalSmtpConfig.forTests());
    }

    // ---- lifecycle ----

    /** Starts Kafka and PostgreSQL side by side (both take seconds); later calls return at once. */
    public static void startAll() {
        var k = kafkaFuture();
        var p = postgresFuture();
        await(k);
        await(p);
    }

    private static SharedKafka kafka() {
        return await(kafkaFuture());
    }

    private static SharedPostgres postgres() {
        return await(postgresFuture());
    }

    private static synchronized CompletableFuture<SharedKafka> kafkaFuture() {
        if (kafka == null) {
            installShutdownHook();
            kafka = startAsync("switchboard-test-kafka", TestInfrastructure::startKafka);
        }
        return kafka;
    }

    private static synchronized CompletableFuture<SharedPostgres> postgresFuture() {
        if (postgres == null) {
            installShutdownHook();
            postgres = startAsync("switchboard-test-postgres", TestInfrastructure::startPostgres);
        }
        return postgres;
    }

    /** A start failure is cached in the future: later tests fail fast with the same cause instead of retrying. */
    private static <T> CompletableFuture<T> startAsync(String threadName, Supplier<T> start) {
        return CompletableFuture.supplyAsync(start, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            t.start();
        });
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private static SharedKafka startKafka() {
        Optional<String> explicit = TestSettings.get(TestSettings.KAFKA_BOOTSTRAP);
        Choice choice = InfrastructureSelector.choose("SWITCHBOARD_TEST_KAFKA_BOOTSTRAP", explicit,
                TestSettings.get(TestSettings.MODE), TestInfrastructure::docker);
        SharedKafka shared = switch (choice.source()) {
            case EXTERNAL -> new SharedKafka(InfrastructureSource.EXTERNAL, explicit.orElseThrow(), Duration.ZERO, () -> { });
            case TESTCONTAINERS -> Containers.startKafka();
            case EMBEDDED -> {
                LocalKafka broker = LocalKafka.start(LocalKafkaConfig.forTests());
                yield new SharedKafka(InfrastructureSource.EMBEDDED, broker.bootstrapServers(), broker.startupTime(), broker);
            }
        };
        log.info("Test Kafka: {} at {} (ready in {} ms) because {}", shared.source(), shared.bootstrapServers(),
                shared.startupTime().toMillis(), choice.reason());
        return shared;
    }

    private static SharedPostgres startPostgres() {
        Optional<String> explicit = TestSettings.get(TestSettings.JDBC_URL);
        Choice choice = InfrastructureSelector.choose("SWITCHBOARD_TEST_JDBC_URL", explicit,
                TestSettings.get(TestSettings.MODE), TestInfrastructure::docker);
        SharedPostgres shared = switch (choice.source()) {
            case EXTERNAL -> {
                LocalPostgres server = LocalPostgres.start(LocalPostgresConfig.external(explicit.orElseThrow(),
                        TestSettings.get(TestSettings.JDBC_USERNAME, "postgres"),
                        TestSettings.get(TestSettings.JDBC_PASSWORD, "")));
                yield new SharedPostgres(InfrastructureSource.EXTERNAL, server, server.startupTime(), () -> { });
            }
            case TESTCONTAINERS -> Containers.startPostgres();
            case EMBEDDED -> {
                LocalPostgres server = LocalPostgres.start(LocalPostgresConfig.forTests());
                yield new SharedPostgres(InfrastructureSource.EMBEDDED, server, server.startupTime(), server);
            }
        };
        log.info("Test PostgreSQL: {} at {} (ready in {} ms) because {}", shared.source(), shared.server().jdbcUrl(),
                shared.startupTime().toMillis(), choice.reason());
        return shared;
    }

    /** Probed at most once per JVM, and only if a resource is not given explicitly. */
    private static synchronized DockerProbe.Result docker() {
        if (docker == null) {
            long startNanos = System.nanoTime();
            docker = DockerProbe.probe(TestSettings.dockerProbeTimeout());
            log.info("Docker probe ({} ms): {}", Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
                    docker.reason());
        }
        return docker;
    }

    private static synchronized void installShutdownHook() {
        if (!shutdownHookInstalled) {
            shutdownHookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopAll, "switchboard-test-infra-stop"));
        }
    }

    private static void stopAll() {
        // Spring's cached test contexts close in their own hook; let their consumers and pools go first so they
        // leave the group cleanly instead of waiting out timeouts against a broker that is already gone.
        ShutdownOrdering.awaitSpringContexts(TestSettings.springShutdownWait());
        LocalSmtp smtp;
        synchronized (TestInfrastructure.class) {
            smtp = sharedSmtp;
        }
        if (smtp != null) {
            smtp.close();
        }
        resultOrNull(postgres).ifPresent(pg -> {
            if (pg.source() == InfrastructureSource.EXTERNAL) {
                createdDatabases.dropAll(pg.server());
            }
            closeQuietly(pg.stopper());
        });
        resultOrNull(kafka).ifPresent(k -> closeQuietly(k.stopper()));
    }

    private static <T> Optional<T> resultOrNull(CompletableFuture<T> future) {
        if (future == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(future.join());
        } catch (CompletionException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Could not stop test infrastructure part {}", closeable, e);
        }
    }

    private static String randomHex() {
        return Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    }
}
