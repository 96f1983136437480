package io.switchboard.infra.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code <stateDir>/endpoints.properties}: how scripts (bin/kafka-*) and other processes find the running stack.
 * Written when the stack is up, removed when it stops.
 */
public final class EndpointsFile {
    public static final String FILE_NAME = "endpoints.properties";
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap-servers";
    public static final String JDBC_URL = "postgres.jdbc-url";
    public static final String JDBC_USERNAME = "postgres.username";
    public static final String JDBC_PASSWORD = "postgres.password";
    public static final String SMTP_HOST = "smtp.host";
    public static final String SMTP_PORT = "smtp.port";
    public static final String IMAP_URL = "smtp.mailbox-imap-url";
    public static final String PID = "pid";
    public static final String STARTED_AT = "started-at";

    private EndpointsFile() {
    }

    public static Path path(Path stateDir) {
        return stateDir.resolve(FILE_NAME);
    }

    public static Path write(Path stateDir, LocalStack stack) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(KAFKA_BOOTSTRAP, stack.kafka().bootstrapServers());
        values.put(JDBC_URL, stack.jdbcUrl());
        values.put(JDBC_USERNAME, stack.postgres().username());
        values.put(JDBC_PASSWORD, stack.postgres().password());
        values.put(SMTP_HOST, stack.smtp().host());
        values.put(SMTP_PORT, String.valueOf(stack.smtp().port()));
        values.put(IMAP_URL, stack.smtp().mailboxImapUrl());
        values.put(PID, String.valueOf(ProcessHandle.current().pid()));
        values.put(STARTED_AT, Instant.now().toString());
        Path target = path(stateDir);
        try {
            Files.createDirectories(stateDir);
            // Plain key=value lines (no Properties.store escaping of ':') so shell scripts can read them with sed;
            // Properties.load still reads the file. Write-then-rename: a script never sees a half-written file.
            StringBuilder text = new StringBuilder("# Switchboard local stack endpoints (removed when the stack stops)\n");
            values.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
            Path tmp = Files.createTempFile(stateDir, FILE_NAME, ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target, e);
        }
    }

    public static Optional<Properties> read(Path stateDir) {
        Path file = path(stateDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            return Optional.of(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** Removes the file unless another process (a second stack on other ports) has rewritten it since. */
    static void deleteIfOwned(Path stateDir) {
        String self = String.valueOf(ProcessHandle.current().pid());
        try {
            if (read(stateDir).map(p -> self.equals(p.getProperty(PID))).orElse(false)) {
                Files.deleteIfExists(path(stateDir));
            }
        } catch (IOException | UncheckedIOException ignored) {
            // A stale file only makes scripts try a dead address; not worth failing a shutdown.
        }
    }
}
