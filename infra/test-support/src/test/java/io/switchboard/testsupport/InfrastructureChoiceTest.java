package io.switchboard.testsupport;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class InfrastructureChoiceTest {
    private static final DockerProbe.Result NO_DOCKER = new DockerProbe.Result(false, "no docker");
    private static final DockerProbe.Result DOCKER = new DockerProbe.Result(true, "docker answered");

    @Test
    void explicitAddressWinsWithoutProbingDocker() {
        Choice choice = InfrastructureSelector.choose("X", Optional.of("h:1"), Optional.of("containers"),
                () -> { throw new AssertionError("must not probe"); });
        assertThat(choice.source()).isEqualTo(InfrastructureSource.EXTERNAL);
    }

    @Test
    void autoUsesContainersOnlyWhenDockerAnswers() {
        assertThat(InfrastructureSelector.choose("X", Optional.empty(), Optional.empty(), () -> DOCKER).source())
                .isEqualTo(InfrastructureSource.TESTCONTAINERS);
        Choice fallback = InfrastructureSelector.choose("X", Optional.empty(), Optional.of("AUTO"), () -> NO_DOCKER);
        assertThat(fallback.source()).isEqualTo(InfrastructureSource.EMBEDDED);
        assertThat(fallback.reason()).isEqualTo("no docker");
    }

    @Test
    void forcedModeSkipsTheProbe() {
        assertThat(InfrastructureSelector.choose("X", Optional.empty(), Optional.of("embedded"),
                () -> { throw new AssertionError("must not probe"); }).source()).isEqualTo(InfrastructureSource.EMBEDDED);
        assertThatThrownBy(() -> InfrastructureSelector.choose("X", Optional.empty(), Optional.of("bogus"), () -> DOCKER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** On the Docker-less dev/CI machines the real selection must have fallen back to the embedded servers. */
    @Test
    void withoutDockerOrExplicitServersTheEmbeddedPathIsChosen() {
        assumeThat(System.getenv("DOCKER_HOST")).isNull();
        assumeThat(Files.exists(Path.of("/var/run/docker.sock"))).isFalse();
        assumeThat(TestSettings.get(TestSettings.KAFKA_BOOTSTRAP)).isEmpty();
        assumeThat(TestSettings.get(TestSettings.JDBC_URL)).isEmpty();
        assumeThat(TestSettings.get(TestSettings.MODE).orElse("auto")).isIn("auto", "embedded");

        assertThat(DockerProbe.probe(TestSettings.dockerProbeTimeout()).available()).isFalse();
        assertThat(TestInfrastructure.kafkaSource()).isEqualTo(InfrastructureSource.EMBEDDED);
        assertThat(TestInfrastructure.postgresSource()).isEqualTo(InfrastructureSource.EMBEDDED);
        assertThat(TestInfrastructure.kafkaBootstrapServers()).startsWith("127.0.0.1:");
        assertThat(TestInfrastructure.jdbcUrl()).startsWith("jdbc:postgresql://localhost:");
    }
}
