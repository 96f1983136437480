package io.switchboard.infra.kafkacli;

import io.switchboard.infra.stack.EndpointsFile;
import io.switchboard.infra.stack.LocalKafka;
import io.switchboard.infra.stack.LocalKafkaConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real bin/ scripts as subprocesses against a real broker. The classpath is handed over through
 * KAFKA_CLI_CLASSPATH (this test JVM's, which holds kafka-tools and slf4j-simple) so the test does not run a nested
 * Maven; everything else (argument passing, bootstrap default from endpoints.properties, main classes) is real.
 */
@DisabledOnOs(OS.WINDOWS)
class KafkaCliScriptsTest {
    private static final Path REPO_ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static LocalKafka kafka;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startBroker() throws IOException {
        kafka = LocalKafka.start(LocalKafkaConfig.forTests().withNumPartitions(1));
        // What a running local stack leaves behind; the scripts must pick the broker up from it.
        Files.writeString(EndpointsFile.path(stateDir), EndpointsFile.KAFKA_BOOTSTRAP + "=" + kafka.bootstrapServers() + "\n");
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void producedRecordWithHeadersIsPrintedByTheConsoleConsumer() throws Exception {
        String topic = "switchboard.cli-test.v1";
        Result created = run("kafka-topics", null, "--create", "--topic", topic, "--partitions", "1");
        assertThat(created.exitCode()).as(created.stderr()).isZero();

        String line = "ce_type:io.switchboard.OrganizationApproved.v1,ce_id:evt-1\torg-42\t{\"orgId\":\"org-42\"}\n";
        Result produced = run("kafka-console-producer", line, "--topic", topic,
                "--reader-property", "parse.key=true", "--reader-property", "parse.headers=true");
        assertThat(produced.exitCode()).as(produced.stderr()).isZero();

        Result consumed = run("kafka-console-consumer", null, "--topic", topic, "--from-beginning",
                "--property", "print.key=true", "--property", "print.headers=true",
                "--max-messages", "1", "--timeout-ms", "30000");
        assertThat(consumed.exitCode()).as(consumed.stderr()).isZero();
        // Kafka 4.2 prints its "--property is deprecated" notice on stdout too; the record is the last line.
        assertThat(consumed.stdout().lines().reduce((first, second) -> second).orElse(""))
                .isEqualTo("ce_type:io.switchboard.OrganizationApproved.v1,ce_id:evt-1\torg-42\t{\"orgId\":\"org-42\"}");
        assertThat(consumed.stderr()).contains("Processed a total of 1 messages");
    }

    @Test
    void explicitBootstrapServerIsPassedThroughUntouched() throws Exception {
        kafka.createTopics(List.of("switchboard.cli-explicit.v1"), 1);
        // The endpoints file would point elsewhere; an explicit --bootstrap-server must win.
        Result listed = runWithState("kafka-topics", REPO_ROOT.resolve("does-not-exist"), null,
                "--bootstrap-server", kafka.bootstrapServers(), "--list");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout().lines()).contains("switchboard.cli-explicit.v1");
    }

    @Test
    void everyScriptIsExecutable() {
        for (String script : List.of("kafka-console-consumer", "kafka-console-producer", "kafka-topics", "kafka-consumer-groups")) {
            assertThat(Files.isExecutable(REPO_ROOT.resolve("bin").resolve(script))).as(script).isTrue();
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(String script, String stdin, String... args) throws Exception {
        return runWithState(script, stateDir, stdin, args);
    }

    private static Result runWithState(String script, Path state, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(REPO_ROOT.resolve("bin").resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("KAFKA_CLI_CLASSPATH", testClasspath());
        env.put("SWITCHBOARD_LOCAL_DIR", state.toString());
        env.remove("SWITCHBOARD_KAFKA_BOOTSTRAP");
        Path out = Files.createTempFile(stateDir, script, ".out");
        Path err = Files.createTempFile(stateDir, script, ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = pb.start();
        try (var stdinStream = process.getOutputStream()) {
            if (stdin != null) {
                stdinStream.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish within " + TOOL_TIMEOUT + ": " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Surefire may hide the real classpath behind a manifest-only jar; it publishes it in this property. */
    private static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
