package io.switchboard.harness.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short chaos run as part of {@code mvn verify}, at production shape: two instances of each of the four services,
 * the broker as its own process, PostgreSQL with fsync on. A few dozen organizations (onboarding + toggles), 12%
 * provider faults, one SIGKILL of each service kind, one of the broker and one of the database, people acting
 * throughout, three organizations sharing one Twilio trial account's number; then every invariant checked. Long runs: see docs/reliability.md.
 */
class ShortChaosRunTest {

    @Test
    void sagasSurviveFaultsAndKilledProcessesBrokerAndDatabaseWithoutViolatingAnInvariant(@TempDir Path work) throws Exception {
        ChaosOptions options = new ChaosOptions(20, 0.4, 0.1, 0.1, 0.12, 1, Duration.ofSeconds(5), 4,
                Duration.ofSeconds(150), 7, Duration.ofSeconds(30), 2, 1, false, Duration.ofSeconds(2), 3);
        try (ChaosRun run = new ChaosRun(options, work)) {
            ChaosVerdict verdict = run.run();
            System.out.println(verdict.line(run.kills()));
            System.out.print(run.stallDetails());
            assertThat(run.kills()).as("every process kind killed once, broker and database included")
                    .containsOnlyKeys("orchestrator", "twilio_worker", "vapi_worker", "notifier", "broker", "database")
                    .allSatisfy((kind, n) -> assertThat(n).isEqualTo(1));
            assertThat(run.outages()).filteredOn(o -> o.target().infrastructure()).hasSize(2);
            assertThat((Long) verdict.counts().get("trialNumberInUseRefusals"))
                    .as("the trial account's organizations met on its one number").isPositive();
            assertThat(verdict.passed()).as(verdict.line(run.kills()) + "\n" + verdict.details()
                    + run.evidence(verdict, 120)).isTrue();
        }
    }
}
