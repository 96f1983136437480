package io.switchboard.infra.stack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller), running inside this JVM or, with
 * {@link LocalKafkaConfig#withSeparateProcess}, as its own OS process that can be killed and restarted.
 *
 * <p>We run {@link KafkaRaftServer} ourselves instead of spring-kafka-test's embedded broker because the latter
 * cannot listen on a fixed port (the local stack needs 19092 for the stock CLI) and needs Kafka's test jars.
 */
public final class LocalKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    /** Free ports are picked before binding, so another process may grab one in between: retry a few times. */
    private static final int FREE_PORT_ATTEMPTS = 3;

    private final LocalKafkaConfig config;
    private final KafkaRaftServer server;
    private final KafkaBrokerProcess process;
    private final Path logDir;
    private final boolean deleteLogDir;
    private final String bootstrapServers;
    private final Duration startupTime;
    private volatile boolean closed;

    private LocalKafka(LocalKafkaConfig config, KafkaRaftServer server, KafkaBrokerProcess process, Path logDir,
                       boolean deleteLogDir, String bootstrapServers, Duration startupTime) {
        this.config = config;
        this.server = server;
        this.process = process;
        this.logDir = logDir;
        this.deleteLogDir = deleteLogDir;
        this.bootstrapServers = bootstrapServers;
        this.startupTime = startupTime;
    }

    public static LocalKafka start(LocalKafkaConfig config) {
        boolean randomPorts = config.port() == 0 || config.controllerPort() == 0;
        int attempts = randomPorts ? FREE_PORT_ATTEMPTS : 1;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return startOnce(config);
            } catch (RuntimeException e) {
                last = e;
                if (attempt < attempts) {
                    log.warn("Kafka broker failed to start (attempt {}/{}), retrying on other ports: {}",
                            attempt, attempts, e.toString());
                }
            }
        }
        throw last;
    }

    private static LocalKafka startOnce(LocalKafkaConfig config) {
        long startNanos = System.nanoTime();
        int port = FreePorts.resolve(config.port(), config.host());
        int controllerPort = FreePorts.resolve(config.controllerPort(), config.host());
        for (int p : new int[] {port, controllerPort}) {
            if (FreePorts.inUse(config.host(), p)) {
                throw new IllegalStateException("Port " + config.host() + ":" + p + " is already in use"
                        + " (is another local stack or Kafka running?)");
            }
        }
        boolean temp = config.logDir() == null;
        Path logDir = temp ? TempDirs.create("switchboard-kafka-") : config.logDir().toAbsolutePath();
        KafkaRaftServer server = null;
        KafkaBrokerProcess process = null;
        try {
            Files.createDirectories(logDir);
            if (config.separateProcess()) {
                process = new KafkaBrokerProcess(config, port, controllerPort, logDir);
                process.start();
                String bootstrap = config.host() + ":" + port;
                awaitReady(bootstrap, config.startupTimeout());
                Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
                log.info("Kafka broker (KRaft, own process pid {}) ready on {} (log dir {}) in {} ms", process.pid(),
                        bootstrap, logDir, took.toMillis());
                return new LocalKafka(config, null, process, logDir, temp, bootstrap, took);
            }
            Map<String, String> props = KafkaBrokerProperties.of(config, port, controllerPort, logDir);
            KafkaConfig kafkaConfig = new KafkaConfig(props, false);
            format(logDir);
            server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
            server.startup();
            String bootstrap = config.host() + ":" + port;
            awaitReady(bootstrap, config.startupTimeout());
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            log.info("Kafka broker (KRaft) ready on {} (controller port {}, log dir {}) in {} ms",
                    bootstrap, controllerPort, logDir, took.toMillis());
            return new LocalKafka(config, server, null, logDir, temp, bootstrap, took);
        } catch (Exception e) {
            if (server != null) {
                shutdownQuietly(server);
            }
            if (process != null) {
                process.kill();
            }
            if (temp) {
                TempDirs.deleteQuietly(logDir);
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException("Kafka broker failed to start", e);
        }
    }

    /**
     * Same as {@code kafka-storage.sh format}. A dir formatted before is left alone (not even "ignore formatted":
     * the formatter would still reject it for carrying another cluster id), so the local stack keeps its data.
     */
    private static void format(Path logDir) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            log.info("Reusing formatted Kafka log dir {}", logDir);
            return;
        }
        String dir = logDir.toString();
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(KafkaBrokerProperties.NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(KafkaBrokerProperties.CONTROLLER_LISTENER)
                .setMetadataLogDirectory(dir)
                .addDirectory(dir)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setIgnoreFormatted(true)
                .run();
    }

    private static void awaitReady(String bootstrap, Duration timeout) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            int nodes = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            if (nodes < 1) {
                throw new IllegalStateException("Broker answered but reports no nodes");
            }
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "switchboard-local-kafka-admin"));
    }

    /** Whether the broker runs as its own process ({@link #kill()} and {@link #restart()} need that). */
    public boolean separateProcess() {
        return process != null;
    }

    /** SIGKILL of the broker process: no flush, no controlled shutdown. Returns when the process is gone. */
    public void kill() {
        requireProcess().kill();
        log.warn("Kafka broker on {} killed (SIGKILL)", bootstrapServers);
    }

    /** Starts the killed broker again on the same ports and data directory; returns once it answers. */
    public void restart() {
        long startNanos = System.nanoTime();
        KafkaBrokerProcess p = requireProcess();
        p.start();
        try {
            awaitReady(bootstrapServers, config.startupTimeout());
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not come back on " + bootstrapServers + "; see " + p.log(), e);
        }
        log.info("Kafka broker on {} back (pid {}) in {} ms", bootstrapServers, p.pid(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    public boolean alive() {
        return process == null ? !closed : process.alive();
    }

    private KafkaBrokerProcess requireProcess() {
        if (process == null) {
            throw new IllegalStateException("the broker runs inside this JVM; start it with withSeparateProcess");
        }
        return process;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int port() {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }

    public Path logDir() {
        return logDir;
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** Creates the topics that do not exist yet with the configured default partition count. */
    public void createTopics(List<String> topics) {
        createTopics(topics, config.numPartitions());
    }

    /** Idempotent: topics that already exist are left as they are (their partition count is not changed). */
    public void createTopics(List<String> topics, int partitions) {
        createTopics(bootstrapServers, topics, partitions, config.startupTimeout());
    }

    /** Works against any broker, which lets test support share it between the embedded and container paths. */
    public static void createTopics(String bootstrap, List<String> topics, int partitions, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        List<NewTopic> newTopics = new ArrayList<>();
        topics.stream().distinct().forEach(t -> newTopics.add(new NewTopic(t, partitions, (short) 1)));
        try (Admin admin = admin(bootstrap)) {
            var result = admin.createTopics(newTopics);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics " + topics, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startNanos = System.nanoTime();
        if (process != null) {
            process.stop(config.startupTimeout());
        } else {
            shutdownQuietly(server);
        }
        if (deleteLogDir) {
            TempDirs.deleteQuietly(logDir);
            if (process != null) {
                TempDirs.deleteQuietly(process.log());
            }
        }
        log.info("Kafka broker on {} stopped in {} ms", bootstrapServers,
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka broker did not shut down cleanly", e);
        }
    }
}
