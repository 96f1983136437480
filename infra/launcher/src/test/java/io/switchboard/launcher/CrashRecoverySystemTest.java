package io.switchboard.launcher;

import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.common.FaultRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the orchestrator process with SIGKILL in the middle of an onboarding saga and starts it again: the saga
 * finishes, with one number bought and two assistants created — no duplicates, nothing lost.
 */
class CrashRecoverySystemTest {
    private static SwitchboardSystem system;

    @BeforeAll
    static void moveOrchestratorOutOfProcess() {
        system = RunningSystem.get();
        system.stopService(Services.Kind.ORCHESTRATOR);
    }

    @AfterAll
    static void bringOrchestratorBack() {
        system.vapi().faults().clear();
        system.startService(Services.Kind.ORCHESTRATOR);
    }

    @Test
    void killingTheOrchestratorMidSagaLosesNothingAndDuplicatesNothing() throws Exception {
        Map<String, String> settings = new HashMap<>(system.settingsFor(Services.Kind.ORCHESTRATOR));
        int port = ServiceProcess.freePort();
        settings.put("server.port", Integer.toString(port));
        ServiceProcess orchestrator = new ServiceProcess(Services.Kind.ORCHESTRATOR, settings, List.of("-Xmx512m"),
                System.getProperty("java.class.path"), Files.createTempDirectory("crash-recovery"));
        orchestrator.start();
        // Slow assistant creation keeps the saga mid-flight long enough to be killed there.
        system.vapi().faults().add(FaultRule.forOperation("AssistantController_create").always().delay(Duration.ofSeconds(2)));
        long purchasesBefore = system.twilio().purchaseCount();
        long assistantsBefore = system.vapi().assistantCreateCount();

        try (SystemClient client = new SystemClient(system.stack().kafka().bootstrapServers(), () -> "http://127.0.0.1:" + port)) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> client.status("probe").orgId().equals("probe"));

            String orgId = SystemClient.newOrgId("crash");
            client.approve(orgId, "Crash", "510");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> client.status(orgId).latestSaga() != null);

            orchestrator.kill();
            assertThat(orchestrator.alive()).isFalse();
            orchestrator.start();

            SagaResponse saga;
            try {
                saga = client.awaitSagaEnded(orgId, Duration.ofSeconds(90));
            } catch (RuntimeException e) {
                throw new AssertionError("saga did not finish after restart; orchestrator log:\n" + orchestrator.logTail(40), e);
            }
            assertThat(saga.state()).isEqualTo("COMPLETED");
            assertThat(system.twilio().purchaseCount() - purchasesBefore).as("numbers bought").isEqualTo(1);
            assertThat(system.vapi().assistantCreateCount() - assistantsBefore).as("assistants created").isEqualTo(2);
            assertThat(client.status(orgId).status()).isEqualTo("active");
        } finally {
            orchestrator.kill();
        }
    }
}
