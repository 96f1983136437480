package io.switchboard.launcher;

import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.common.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens to sagas whose steps are out at the providers when something else happens: ops stop the saga, or the
 * worker executing them is killed.
 */
class InFlightSystemTest {
    private static SwitchboardSystem system;

    @BeforeAll
    static void system() {
        system = RunningSystem.get();
    }

    @AfterEach
    void clearFaults() {
        system.vapi().faults().clear();
    }

    @Test
    void opsStoppingASagaWhileItsAssistantsAreBeingCreatedLeavesNothingBehind() {
        // Assistant creation takes 4 s at VAPI: the saga is certainly waiting for both when ops press the button.
        system.vapi().faults().add(FaultRule.forOperation("AssistantController_create").always().delay(Duration.ofSeconds(4)));
        String orgId = SystemClient.newOrgId("stopped");
        long createsBefore = system.vapi().assistantCreateCount();
        try (SystemClient client = client(); LineClient ops = opsClient()) {
            client.approve(orgId, "Stopped", "510");
            // Generous: an earlier test's killed process may still hold the consumer group for its session timeout.
            String sagaId = await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
                SagaResponse saga = client.saga(client.status(orgId).latestSaga().id());
                return saga.steps().stream().anyMatch(s -> s.name().equals("create-inbound-assistant")
                        && s.status().equals("RUNNING")) ? saga.id() : null;
            }, id -> id != null);

            HttpResponse<String> stopped = ops.post("/api/v1/sagas/" + sagaId + "/compensate", "{\"reason\":\"VAPI incident\"}");
            assertThat(stopped.statusCode()).as(stopped.body()).isBetween(200, 202);

            // The creations finish at VAPI after the stop; their late successes must be undone, not forgotten.
            await().atMost(Duration.ofSeconds(90)).until(() -> system.vapi().assistantCreateCount() >= createsBefore + 2);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(client.saga(sagaId).state()).isEqualTo("COMPENSATED");
                assertThat(system.vapi().assistants()).as("assistants of %s alive at VAPI", orgId)
                        .noneMatch(a -> orgId.equals(a.metadata().path("orgId").asString()));
                assertThat(system.twilio().ownedNumbers()).as("numbers of %s owned at Twilio", orgId)
                        .noneMatch(n -> n.friendlyName() != null && n.friendlyName().contains("/" + orgId + "/"));
            });
        }
    }

    /**
     * Whether the create of this saga step's assistant reached VAPI from the worker that was killed: VAPI made it
     * before the kill or within the 1 s the simulator holds each create (the restarted worker needs longer than
     * that just to start).
     */
    private static boolean createdBefore(String orgId, String stepName, java.time.Instant killedAt) {
        String role = stepName.contains("inbound") ? "inbound" : "outbound";
        return system.vapi().assistants().stream()
                .filter(a -> orgId.equals(a.metadata().path("orgId").asString()) && a.name() != null
                        && a.name().endsWith(" " + role))
                .anyMatch(a -> a.createdAt().isBefore(killedAt.plusSeconds(3)));
    }

    @Test
    void tenSagasInFlightWhenTheirWorkerIsKilledAllComplete() throws Exception {
        system.stopService(Services.Kind.VAPI_WORKER);
        Map<String, String> settings = new HashMap<>(system.settingsFor(Services.Kind.VAPI_WORKER));
        // Alone in its JVM, the worker must leave its consumer group when stopped at the end, or the next test's
        // commands would wait for the dead member's session timeout.
        settings.put("spring.main.register-shutdown-hook", "true");
        ServiceProcess vapiWorker = new ServiceProcess(Services.Kind.VAPI_WORKER, settings, List.of("-Xmx384m"),
                System.getProperty("java.class.path"), Files.createTempDirectory("vapi-worker-process"));
        List<String> orgs = new ArrayList<>();
        try (SystemClient client = client()) {
            vapiWorker.start();
            vapiWorker.awaitStarted(Duration.ofSeconds(90));
            // Slow enough that all ten are mid-flight at the kill.
            system.vapi().faults().add(FaultRule.forOperation("AssistantController_create").always().delay(Duration.ofSeconds(1)));
            IntStream.range(0, 10).forEach(i -> {
                String orgId = SystemClient.newOrgId("inflight" + i);
                orgs.add(orgId);
                client.approve(orgId, "In Flight " + i, "510");
            });
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> orgs.stream().allMatch(org -> client.status(org).latestSaga() != null));

            // A crash and an immediate restart: the dead consumer holds its partitions until its session times out
            // (45 s), so the first attempts time out and the restarted worker finds them in its backlog too late to
            // start. They never reached VAPI, so they must not count against the step's attempts.
            java.time.Instant killedAt = java.time.Instant.now();
            vapiWorker.kill();
            vapiWorker.start();

            long retried = 0;
            for (String orgId : orgs) {
                SagaResponse saga = client.awaitSagaEnded(orgId, Duration.ofSeconds(180));
                assertThat(saga.state()).as("%s: %s %s", orgId, saga.failedStep(), saga.failureReason())
                        .isEqualTo("COMPLETED");
                // An attempt the restarted worker found too late to start gives its place back; one whose create had
                // reached VAPI from the killed worker counts — its assistant is the step's (reported, not made again).
                assertThat(saga.steps()).filteredOn(s -> s.name().startsWith("create-") && s.name().endsWith("-assistant"))
                        .as("%s: assistant steps retried across the restart keep their budget", orgId)
                        .allSatisfy(step -> assertThat(step.countedAttempts())
                                .isBetween(1, createdBefore(orgId, step.name(), killedAt) ? 2 : 1));
                retried += saga.steps().stream().filter(s -> s.attempts() > 1).count();
            }
            assertThat(retried).as("steps that needed more than one attempt (the test must cross the restart)").isPositive();
        } finally {
            vapiWorker.stop(Duration.ofSeconds(30));
            system.startService(Services.Kind.VAPI_WORKER);
        }
    }

    private static SystemClient client() {
        return new SystemClient(system.stack().kafka().bootstrapServers(), system::orchestratorUrl);
    }

    private static LineClient opsClient() {
        return new LineClient(system, system::orchestratorUrl, SystemClient.OPS_AUTHORIZATION);
    }
}
