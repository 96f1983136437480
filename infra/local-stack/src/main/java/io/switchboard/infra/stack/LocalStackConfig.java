package io.switchboard.infra.stack;

import java.nio.file.Path;

/**
 * Settings of the whole local stack.
 *
 * @param stateDir        where {@code endpoints.properties} (and, by default, Kafka and PostgreSQL data) live
 * @param kafka           broker settings
 * @param postgres        database server settings (embedded or external)
 * @param smtp            mail capture settings
 * @param databaseName    application database created on start (the services' {@code spring.datasource.url})
 * @param topicPartitions partitions of every Switchboard topic created on start
 */
public record LocalStackConfig(Path stateDir, LocalKafkaConfig kafka, LocalPostgresConfig postgres,
                               LocalSmtpConfig smtp, String databaseName, int topicPartitions) {

    public static final Path DEFAULT_STATE_DIR = Path.of(".local");
    public static final String DEFAULT_DATABASE = "switchboard";

    public LocalStackConfig {
        stateDir = stateDir == null ? DEFAULT_STATE_DIR : stateDir;
        databaseName = databaseName == null ? DEFAULT_DATABASE : databaseName;
        if (topicPartitions < 1) {
            throw new IllegalArgumentException("topicPartitions must be >= 1");
        }
    }

    /** Fixed ports (19092/19093, 15432, 3025) and data kept under {@code stateDir} across restarts. */
    public static LocalStackConfig defaults(Path stateDir) {
        return new LocalStackConfig(stateDir,
                LocalKafkaConfig.forLocalStack(stateDir.resolve("kafka")),
                LocalPostgresConfig.forLocalStack(stateDir.resolve("postgres")),
                LocalSmtpConfig.forLocalStack(), DEFAULT_DATABASE, 6);
    }

    public LocalStackConfig withKafka(LocalKafkaConfig value) {
        return new LocalStackConfig(stateDir, value, postgres, smtp, databaseName, topicPartitions);
    }

    public LocalStackConfig withTopicPartitions(int value) {
        return new LocalStackConfig(stateDir, kafka, postgres, smtp, databaseName, value);
    }

    public LocalStackConfig withPostgres(LocalPostgresConfig value) {
        return new LocalStackConfig(stateDir, kafka, value, smtp, databaseName, topicPartitions);
    }

    public static LocalStackConfig defaults() {
        return defaults(DEFAULT_STATE_DIR);
    }

    /**
     * Defaults overridden by system properties or environment variables (see {@link Settings}):
     * {@code switchboard.local.dir}, {@code switchboard.local.ephemeral} (temp data dirs),
     * {@code switchboard.kafka.port}, {@code switchboard.kafka.controller-port}, {@code switchboard.kafka.partitions},
     * {@code switchboard.postgres.port}, {@code switchboard.postgres.jdbc-url} (+ {@code .username}, {@code .password})
     * to use an existing server, {@code switchboard.postgres.database}, {@code switchboard.smtp.port}, {@code switchboard.smtp.imap-port}.
     */
    public static LocalStackConfig fromEnvironment() {
        Path stateDir = Settings.get("switchboard.local.dir").map(Path::of).orElse(DEFAULT_STATE_DIR);
        boolean ephemeral = Settings.getBoolean("switchboard.local.ephemeral", false);
        LocalStackConfig d = defaults(stateDir);

        int partitions = Settings.getInt("switchboard.kafka.partitions", d.topicPartitions());
        LocalKafkaConfig kafka = d.kafka()
                .withPorts(Settings.getInt("switchboard.kafka.port", d.kafka().port()),
                        Settings.getInt("switchboard.kafka.controller-port", d.kafka().controllerPort()))
                .withNumPartitions(partitions)
                .withLogDir(ephemeral ? null : d.kafka().logDir());

        LocalPostgresConfig postgres = Settings.get("switchboard.postgres.jdbc-url")
                .map(url -> LocalPostgresConfig.external(url,
                        Settings.get("switchboard.postgres.username").orElse("postgres"),
                        Settings.get("switchboard.postgres.password").orElse("")))
                .orElseGet(() -> d.postgres()
                        .withPort(Settings.getInt("switchboard.postgres.port", d.postgres().port()))
                        .withDataDir(ephemeral ? null : d.postgres().dataDir()));

        LocalSmtpConfig smtp = d.smtp().withPort(Settings.getInt("switchboard.smtp.port", d.smtp().port()))
                .withImapPort(Settings.getInt("switchboard.smtp.imap-port", d.smtp().imapPort()));
        String database = Settings.get("switchboard.postgres.database").orElse(d.databaseName());
        return new LocalStackConfig(stateDir, kafka, postgres, smtp, database, partitions);
    }

    /** Free ports and temp data dirs everywhere; state (endpoints file) still goes to {@code stateDir}. */
    public static LocalStackConfig ephemeral(Path stateDir) {
        return new LocalStackConfig(stateDir, LocalKafkaConfig.forTests(), LocalPostgresConfig.forTests(),
                LocalSmtpConfig.forTests(), DEFAULT_DATABASE, 3);
    }
}
