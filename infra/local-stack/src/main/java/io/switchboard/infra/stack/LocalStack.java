package io.switchboard.infra.stack;

import io.switchboard.contracts.wire.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The infrastructure Switchboard needs, all real and on loopback: a Kafka broker with every Switchboard topic,
 * a PostgreSQL server with the application database, and an SMTP server that captures mail.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final LocalStackConfig config;
    private final LocalKafka kafka;
    private final LocalPostgres postgres;
    private final LocalSmtp smtp;
    private final String jdbcUrl;
    private volatile Path endpointsFile;
    private volatile boolean closed;

    private LocalStack(LocalStackConfig config, LocalKafka kafka, LocalPostgres postgres, LocalSmtp smtp, String jdbcUrl) {
        this.config = config;
        this.kafka = kafka;
        this.postgres = postgres;
        this.smtp = smtp;
        this.jdbcUrl = jdbcUrl;
    }

    public static LocalStack start(LocalStackConfig config) {
        long startNanos = System.nanoTime();
        // Broker and database each take seconds and do not depend on each other: start them side by side.
        var kafkaFuture = CompletableFuture.supplyAsync(() -> LocalKafka.start(config.kafka()));
        var postgresFuture = CompletableFuture.supplyAsync(() -> LocalPostgres.start(config.postgres()));
        LocalSmtp smtp = null;
        try {
            LocalKafka kafka = await(kafkaFuture);
            LocalPostgres postgres = await(postgresFuture);
            smtp = LocalSmtp.start(config.smtp());
            kafka.createTopics(Topics.all(), config.topicPartitions());
            String jdbcUrl = postgres.createDatabase(config.databaseName());
            var stack = new LocalStack(config, kafka, postgres, smtp, jdbcUrl);
            stack.endpointsFile = EndpointsFile.write(config.stateDir(), stack);
            log.info("Local stack up in {} ms\n{}", Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
                    stack.describe());
            return stack;
        } catch (RuntimeException e) {
            // Whatever came up must go down again, or the next start finds its ports taken.
            closeAll(Arrays.asList(resultOrNull(kafkaFuture), resultOrNull(postgresFuture), smtp));
            throw e;
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private static <T> T resultOrNull(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    /** Closes in reverse list order, skipping nulls, so one failure does not leave the rest running. */
    private static void closeAll(List<? extends AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            AutoCloseable resource = resources.get(i);
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Could not stop {}", resource, e);
            }
        }
    }

    public LocalStackConfig config() {
        return config;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalSmtp smtp() {
        return smtp;
    }

    /** JDBC URL of the application database ({@link LocalStackConfig#databaseName()}). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Path endpointsFile() {
        return endpointsFile;
    }

    /** Human-readable endpoints, also handy as Spring properties for a service started by hand. */
    public String describe() {
        return String.join("\n",
                "  Kafka      " + kafka.bootstrapServers() + "   (spring.kafka.bootstrap-servers)",
                "  PostgreSQL " + jdbcUrl + "   user " + postgres.username()
                        + (postgres.isEmbedded() ? " (embedded)" : " (external)"),
                "  SMTP       " + smtp.host() + ":" + smtp.port() + "   (any user, mail kept in memory)",
                "  Mailbox    " + smtp.mailboxImapUrl() + "   (IMAP, a copy of every message)",
                "  Topics     " + String.join(", ", Topics.all()),
                "  Endpoints  " + (endpointsFile == null ? "-" : endpointsFile.toAbsolutePath()));
    }

    /** Stops SMTP, PostgreSQL, then Kafka: the reverse of start. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startNanos = System.nanoTime();
        EndpointsFile.deleteIfOwned(config.stateDir());
        closeAll(List.of(kafka, postgres, smtp));
        log.info("Local stack stopped in {} ms", Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    }
}
