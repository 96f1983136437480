package io.switchboard.harness.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short chaos run as part of {@code mvn verify}: a few dozen organizations (onboarding + toggles), 12% provider
 * faults, one SIGKILL of each of the four service processes, then every invariant checked. Long runs: see
 * docs/reliability.md.
 */
class ShortChaosRunTest {

    @Test
    void sagasSurviveProviderFaultsAndKilledProcessesWithoutViolatingAnInvariant(@TempDir Path work) throws Exception {
        ChaosOptions options = new ChaosOptions(24, 0.4, 0.1, 0.1, 0.12, 1, Duration.ofSeconds(4), 6,
                Duration.ofSeconds(90), 7, Duration.ofSeconds(30));
        try (ChaosRun run = new ChaosRun(options, work)) {
            ChaosVerdict verdict = run.run();
            System.out.println(verdict.line(run.kills()));
            assertThat(run.kills().values()).as("every process kind killed").hasSize(4).allMatch(n -> n == 1);
            assertThat(verdict.passed()).as(verdict.line(run.kills()) + "\n" + verdict.details()).isTrue();
        }
    }
}
