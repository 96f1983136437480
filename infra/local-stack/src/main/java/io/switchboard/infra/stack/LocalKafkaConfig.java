package io.switchboard.infra.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the single-node KRaft broker.
 *
 * @param host              interface both listeners bind to and the broker advertises
 * @param port              client (PLAINTEXT) port; 0 = any free port
 * @param controllerPort    KRaft controller port; 0 = any free port
 * @param logDir            data directory; null = a temp dir deleted on close. An existing, formatted dir is reused
 * @param numPartitions     partitions of auto-created topics and the default for {@code createTopics}
 * @param startupTimeout    how long to wait for the broker to answer an admin request
 * @param overrides         extra broker properties, applied last (they win over every default here)
 * @param processClasspath  null: the broker runs inside this JVM; otherwise it runs as its own OS process (a JVM
 *                          started with this classpath, which must hold the Kafka server jars), so it can be
 *                          SIGKILLed and restarted on the same ports and data ({@link LocalKafka#kill()},
 *                          {@link LocalKafka#restart()}) while this JVM keeps running
 */
public record LocalKafkaConfig(String host, int port, int controllerPort, Path logDir, int numPartitions,
                               Duration startupTimeout, Map<String, String> overrides, String processClasspath) {

    public static final int LOCAL_STACK_PORT = 19092;
    public static final int LOCAL_STACK_CONTROLLER_PORT = 19093;

    public LocalKafkaConfig {
        host = host == null ? "127.0.0.1" : host;
        startupTimeout = startupTimeout == null ? Duration.ofSeconds(60) : startupTimeout;
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        if (numPartitions < 1) {
            throw new IllegalArgumentException("numPartitions must be >= 1");
        }
    }

    public LocalKafkaConfig(String host, int port, int controllerPort, Path logDir, int numPartitions,
                            Duration startupTimeout, Map<String, String> overrides) {
        this(host, port, controllerPort, logDir, numPartitions, startupTimeout, overrides, null);
    }

    public boolean separateProcess() {
        return processClasspath != null;
    }

    /** Fixed well-known ports so the stock Kafka CLI and a second process can find the broker. */
    public static LocalKafkaConfig forLocalStack(Path logDir) {
        return new LocalKafkaConfig("127.0.0.1", LOCAL_STACK_PORT, LOCAL_STACK_CONTROLLER_PORT, logDir, 6,
                null, Map.of());
    }

    /** Free ports and a throw-away log dir: many test JVMs may run side by side. */
    public static LocalKafkaConfig forTests() {
        return new LocalKafkaConfig("127.0.0.1", 0, 0, null, 6, null, Map.of());
    }

    public LocalKafkaConfig withPorts(int newPort, int newControllerPort) {
        return new LocalKafkaConfig(host, newPort, newControllerPort, logDir, numPartitions, startupTimeout, overrides,
                processClasspath);
    }

    public LocalKafkaConfig withLogDir(Path newLogDir) {
        return new LocalKafkaConfig(host, port, controllerPort, newLogDir, numPartitions, startupTimeout, overrides,
                processClasspath);
    }

    public LocalKafkaConfig withNumPartitions(int partitions) {
        return new LocalKafkaConfig(host, port, controllerPort, logDir, partitions, startupTimeout, overrides,
                processClasspath);
    }

    public LocalKafkaConfig withOverrides(Map<String, String> newOverrides) {
        return new LocalKafkaConfig(host, port, controllerPort, logDir, numPartitions, startupTimeout, newOverrides,
                processClasspath);
    }

    /** The broker as its own OS process, started from {@code classpath} (e.g. this JVM's {@code java.class.path}). */
    public LocalKafkaConfig withSeparateProcess(String classpath) {
        return new LocalKafkaConfig(host, port, controllerPort, logDir, numPartitions, startupTimeout, overrides,
                classpath);
    }
}
