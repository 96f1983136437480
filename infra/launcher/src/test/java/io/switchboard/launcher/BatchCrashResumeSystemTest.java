package io.switchboard.launcher;

import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.orchestrator.batches.BatchItemView;
import io.switchboard.orchestrator.batches.BatchStatus;
import io.switchboard.orchestrator.batches.BatchView;
import io.switchboard.orchestrator.batches.ItemStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the orchestrator with SIGKILL while a batch is half done and starts it again: the batch carries on from its
 * items' states and completes, every organization's line switched off exactly once — none done twice, none skipped —
 * and the rate holds across the restart.
 */
class BatchCrashResumeSystemTest {
    private static SwitchboardSystem system;

    @BeforeAll
    static void moveOrchestratorOutOfProcess() {
        system = RunningSystem.get();
        system.stopService(Services.Kind.ORCHESTRATOR);
    }

    @AfterAll
    static void bringOrchestratorBack() {
        system.startService(Services.Kind.ORCHESTRATOR);
    }

    @Test
    void aBatchKilledHalfwayResumesWithNoOrganizationDoneTwiceAndNoneSkipped() throws Exception {
        Map<String, String> settings = new HashMap<>(system.settingsFor(Services.Kind.ORCHESTRATOR));
        int port = ServiceProcess.freePort();
        settings.put("server.port", Integer.toString(port));
        settings.put("switchboard.batches.tick-interval", "200ms");
        ServiceProcess orchestrator = new ServiceProcess(Services.Kind.ORCHESTRATOR, settings, List.of("-Xmx512m"),
                System.getProperty("java.class.path"), Files.createTempDirectory("batch-crash"));
        orchestrator.start();
        String url = "http://127.0.0.1:" + port;
        try (SystemClient client = new SystemClient(system.stack().kafka().bootstrapServers(), () -> url);
             LineClient lines = new LineClient(system, () -> url, SystemClient.OPS_AUTHORIZATION)) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> client.status("probe").orgId().equals("probe"));
            BatchClient batches = new BatchClient(lines);
            String prefix = "bcrash-" + UUID.randomUUID().toString().substring(0, 6) + "-";
            List<String> orgs = IntStream.range(0, 6).mapToObj(i -> prefix + i).toList();
            orgs.forEach(org -> client.approve(org, "Crash " + org, "510"));
            orgs.forEach(org -> assertThat(client.awaitSagaEnded(org, Duration.ofSeconds(90)).state())
                    .isEqualTo("COMPLETED"));

            // 20 a minute: one start every three seconds, so the kill lands with items done, started and pending.
            BatchView batch = batches.create("{\"kind\":\"inbound-ai-off\",\"filter\":{\"orgIdPrefix\":\"" + prefix
                    + "\"},\"ratePerMinute\":20}");
            assertThat(batch.total()).isEqualTo(6);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> batches.get(batch.id()).counts().get(ItemStatus.PENDING) <= 4);
            orchestrator.kill();
            assertThat(orchestrator.alive()).isFalse();
            long pendingAtKill = pendingItems(batch.id());
            assertThat(pendingAtKill).as("killed halfway").isBetween(1L, 4L);
            orchestrator.start();

            BatchView done;
            try {
                done = batches.awaitStatus(batch.id(), BatchStatus.COMPLETED, Duration.ofSeconds(120));
            } catch (RuntimeException e) {
                throw new AssertionError("batch did not complete after restart; orchestrator log:\n"
                        + orchestrator.logTail(60), e);
            }
            assertThat(done.counts()).containsEntry(ItemStatus.SUCCEEDED, 6L);
            List<BatchItemView> items = batches.items(batch.id());
            for (String org : orgs) {
                List<SagaResponse> offs = client.sagas(org, "inbound-ai-off");
                assertThat(offs).as("inbound-ai-off sagas of " + org).hasSize(1);
                assertThat(items).filteredOn(i -> i.orgId().equals(org)).singleElement()
                        .satisfies(i -> assertThat(i.sagaId()).isEqualTo(UUID.fromString(offs.get(0).id())));
                assertThat(client.status(org).status()).isEqualTo("inactive");
            }
            assertThat(queuedRequests(batch.id())).as("one queued request per organization").isEqualTo(6);
            List<Instant> starts = items.stream().map(BatchItemView::startedAt).sorted().toList();
            for (int i = 1; i < starts.size(); i++) {
                assertThat(Duration.between(starts.get(i - 1), starts.get(i))).as("rate across the restart")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(2999));
            }
        } finally {
            orchestrator.kill();
        }
    }

    private static long pendingItems(UUID batchId) throws Exception {
        return count("select count(*) from ops_batch_item where batch_id = '" + batchId + "' and status = 'PENDING'");
    }

    private static long queuedRequests(UUID batchId) throws Exception {
        return count("select count(*) from org_event where event_source = '/switchboard/ops-batches' "
                + "and event_id like '" + batchId + ":%'");
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(system.stack().jdbcUrl(),
                system.stack().postgres().username(), system.stack().postgres().password());
             ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
