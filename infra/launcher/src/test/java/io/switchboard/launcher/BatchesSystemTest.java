package io.switchboard.launcher;

import io.switchboard.contracts.events.NumberSources;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.orchestrator.batches.BatchItemView;
import io.switchboard.orchestrator.batches.BatchStatus;
import io.switchboard.orchestrator.batches.BatchView;
import io.switchboard.orchestrator.batches.ItemStatus;
import io.switchboard.sim.common.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ops batches over the running system: a batch switches inbound AI off for several organizations at its rate and
 * reports each one's result, a failed saga and an unknown organization included; pause and cancel stop it; a dry run
 * starts nothing and, resumed, gives the numberless line its number; bad requests answer problems.
 */
class BatchesSystemTest extends SharedSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(120);

    private final BatchClient batches = new BatchClient(lines);

    @AfterEach
    void clearFaults() {
        system.vapi().faults().clear();
    }

    private static String prefix(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    private static List<String> onboarded(String prefix, int count) {
        List<String> orgs = IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
        orgs.forEach(org -> client.approve(org, "Batch " + org, "510"));
        orgs.forEach(org -> assertThat(client.awaitSagaEnded(org, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED"));
        return orgs;
    }

    private static String ids(List<String> orgIds) {
        return String.join(",", orgIds.stream().map(id -> "\"" + id + "\"").toList());
    }

    @Test
    void aBatchTurnsInboundAiOffAtItsRateAndReportsEachOrganizationsResultIncludingAFailure() {
        String prefix = prefix("boff");
        List<String> orgs = onboarded(prefix, 4);
        String failing = orgs.get(2);
        String registration = lines.configs(failing).get(0).vapiPhoneNumberId();
        // VAPI refuses to delete this one organization's registration: its inbound-ai-off fails for good.
        system.vapi().faults().add(FaultRule.matching("DELETE", ".*/phone-number/" + registration).always().fail(400));
        String unknown = prefix + "unknown";
        List<String> asked = new java.util.ArrayList<>(orgs);
        asked.add(unknown);

        BatchView created = batches.create("{\"kind\":\"inbound-ai-off\",\"orgIds\":[" + ids(asked) + "],"
                + "\"ratePerMinute\":30,\"createdBy\":\"batch system test\"}");
        assertThat(created.status()).isEqualTo(BatchStatus.RUNNING);
        assertThat(created.total()).isEqualTo(5);
        assertThat(created.counts().get(ItemStatus.SKIPPED)).as("the unknown organization, at once").isEqualTo(1);

        BatchView done = batches.awaitStatus(created.id(), BatchStatus.COMPLETED, BATCH_TIMEOUT);
        assertThat(done.counts()).containsEntry(ItemStatus.SUCCEEDED, 3L).containsEntry(ItemStatus.FAILED, 1L)
                .containsEntry(ItemStatus.SKIPPED, 1L).containsEntry(ItemStatus.PENDING, 0L);
        assertThat(done.finishedAt()).isNotNull();
        List<BatchItemView> items = batches.items(created.id());
        for (String org : orgs) {
            BatchItemView item = items.stream().filter(i -> i.orgId().equals(org)).findFirst().orElseThrow();
            List<SagaResponse> offs = client.sagas(org, "inbound-ai-off");
            assertThat(offs).as("one inbound-ai-off for " + org).hasSize(1);
            assertThat(item.sagaId()).isEqualTo(UUID.fromString(offs.get(0).id()));
            assertThat(item.requestId()).isEqualTo(created.id() + ":" + org);
            if (org.equals(failing)) {
                assertThat(item.status()).isEqualTo(ItemStatus.FAILED);
                assertThat(item.reason()).contains("inbound-ai-off saga", "delete-vapi-registration");
            } else {
                assertThat(item.status()).isEqualTo(ItemStatus.SUCCEEDED);
                assertThat(client.status(org).status()).isEqualTo("inactive");
            }
        }
        assertThat(items).filteredOn(i -> i.orgId().equals(unknown)).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(ItemStatus.SKIPPED);
            assertThat(i.reason()).contains("no AI setup");
            assertThat(i.requestId()).isNull();
        });
        // 30 a minute: one start every two seconds at most.
        List<Instant> starts = items.stream().map(BatchItemView::startedAt).filter(java.util.Objects::nonNull)
                .sorted().toList();
        assertThat(starts).hasSize(4);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i - 1), starts.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(1999));
        }
        // What the per-organization request endpoint says agrees with the item.
        HttpResponse<String> request = lines.get("/api/v1/organizations/" + orgs.get(0) + "/requests/"
                + created.id() + ":" + orgs.get(0));
        assertThat(request.statusCode()).isEqualTo(200);
        assertThat(request.body()).contains("\"status\":\"STARTED\"", "inbound-ai-off");
        HttpResponse<String> completed = lines.get("/api/v1/batches?status=COMPLETED&limit=500");
        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(completed.body()).contains("\"id\":\"" + created.id() + "\"", "\"createdBy\":\"batch system test\"");
        // And on again, by filter: the three lines now inactive (the failed one is still deactivating), assistants reused.
        long assistantsCreated = system.vapi().assistantCreateCount();
        BatchView on = batches.create("{\"kind\":\"inbound-ai-on\",\"filter\":{\"orgIdPrefix\":\"" + prefix
                + "\",\"lineStatus\":\"inactive\"},\"ratePerMinute\":600}");
        assertThat(batches.items(on.id())).extracting(BatchItemView::orgId)
                .containsExactly(orgs.get(0), orgs.get(1), orgs.get(3));
        assertThat(batches.awaitStatus(on.id(), BatchStatus.COMPLETED, BATCH_TIMEOUT).counts())
                .containsEntry(ItemStatus.SUCCEEDED, 3L);
        for (String org : List.of(orgs.get(0), orgs.get(1), orgs.get(3))) {
            assertThat(client.status(org).status()).isEqualTo("active");
        }
        assertThat(system.vapi().assistantCreateCount()).isEqualTo(assistantsCreated);
        HttpResponse<String> metrics = lines.get("/actuator/prometheus");
        assertThat(metrics.body()).contains("switchboard_batches{status=\"running\"}",
                "switchboard_batch_items{status=\"pending\"}");
    }

    @Test
    void pausedThenCancelledABatchStartsNothingMoreAndStillFollowsWhatItStarted() {
        String prefix = prefix("bpause");
        List<String> orgs = onboarded(prefix, 3);
        // One a minute: the first starts at once, the next would wait a minute.
        BatchView created = batches.create("{\"kind\":\"inbound-ai-off\",\"filter\":{\"orgIdPrefix\":\"" + prefix
                + "\",\"lineStatus\":\"active\"},\"ratePerMinute\":1}");
        assertThat(created.total()).isEqualTo(3);
        org.awaitility.Awaitility.await().atMost(SAGA_TIMEOUT).ignoreExceptions()
                .until(() -> batches.get(created.id()).counts().get(ItemStatus.PENDING) == 2);
        BatchView paused = batches.act(created.id(), "pause");
        assertThat(paused.status()).isEqualTo(BatchStatus.PAUSED);
        HttpResponse<String> again = lines.post("/api/v1/batches/" + created.id() + "/pause", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("batch-state-conflict", "PAUSED");

        BatchView cancelled = batches.act(created.id(), "cancel");
        assertThat(cancelled.status()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(cancelled.counts().get(ItemStatus.SKIPPED)).isEqualTo(2);
        BatchView ended = batches.awaitStatus(created.id(), BatchStatus.CANCELLED, BATCH_TIMEOUT);
        assertThat(ended.counts()).containsEntry(ItemStatus.SUCCEEDED, 1L).containsEntry(ItemStatus.SKIPPED, 2L);
        org.awaitility.Awaitility.await().atMost(SAGA_TIMEOUT).until(() -> batches.get(created.id()).finishedAt() != null);
        String first = batches.items(created.id()).stream().filter(i -> i.status() == ItemStatus.SUCCEEDED)
                .findFirst().orElseThrow().orgId();
        for (String org : orgs) {
            assertThat(client.status(org).status()).isEqualTo(org.equals(first) ? "inactive" : "active");
            assertThat(client.sagas(org, "inbound-ai-off")).hasSize(org.equals(first) ? 1 : 0);
        }
        assertThat(batches.items(created.id())).filteredOn(i -> i.status() == ItemStatus.SKIPPED)
                .allSatisfy(i -> assertThat(i.reason()).contains("cancelled"));
    }

    @Test
    void aDryRunStartsNothingAndResumedGivesTheNumberlessLineItsNumber() {
        String prefix = prefix("bdry");
        String active = onboarded(prefix, 1).get(0);
        String numberless = prefix + "none";
        client.approve(new OrganizationApproved(numberless, "Numberless", SystemClient.ownerOf(numberless), "verified",
                "US", "510", null, NumberSources.NONE, null));
        assertThat(client.awaitSagaEnded(numberless, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        assertThat(client.status(numberless).phoneNumber()).isNull();

        // By filter: only the line without a number is chosen.
        BatchView byFilter = batches.create("{\"kind\":\"assign-numbers\",\"filter\":{\"orgIdPrefix\":\"" + prefix
                + "\"},\"dryRun\":true}");
        assertThat(byFilter.status()).isEqualTo(BatchStatus.PLANNED);
        assertThat(batches.items(byFilter.id())).singleElement().satisfies(i -> {
            assertThat(i.orgId()).isEqualTo(numberless);
            assertThat(i.status()).isEqualTo(ItemStatus.PENDING);
            assertThat(i.action()).isEqualTo("start inbound-ai-on");
        });
        // By name: the active line would be skipped, with the reason.
        BatchView named = batches.create("{\"kind\":\"assign-numbers\",\"orgIds\":[\"" + active + "\",\"" + numberless
                + "\"],\"dryRun\":true,\"options\":{\"numberSource\":\"force_twilio\"}}");
        assertThat(batches.item(named.id(), active).reason()).contains("has a number already");
        assertThat(batches.item(named.id(), active).status()).isEqualTo(ItemStatus.SKIPPED);
        long purchases = system.twilio().purchaseCount();
        try {
            Thread.sleep(2_000); // several runner ticks: a planned batch must not start anything meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(client.sagas(numberless, "inbound-ai-on")).isEmpty();
        assertThat(batches.get(named.id()).status()).isEqualTo(BatchStatus.PLANNED);
        assertThat(batches.get(named.id()).startedAt()).isNull();
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);

        batches.act(named.id(), "resume");
        BatchView done = batches.awaitStatus(named.id(), BatchStatus.COMPLETED, BATCH_TIMEOUT);
        assertThat(done.counts()).containsEntry(ItemStatus.SUCCEEDED, 1L).containsEntry(ItemStatus.SKIPPED, 1L);
        assertThat(client.status(numberless).status()).isEqualTo("active");
        assertThat(client.status(numberless).phoneNumber()).startsWith("+1");
        assertThat(system.twilio().purchaseCount()).as("force_twilio buys the number").isEqualTo(purchases + 1);
        // The other dry run is still only a plan.
        assertThat(batches.get(byFilter.id()).status()).isEqualTo(BatchStatus.PLANNED);
        batches.act(byFilter.id(), "cancel");
    }

    @Test
    void badRequestsAnswerProblemsNamingEveryWrongField() {
        HttpResponse<String> bad = lines.post("/api/v1/batches",
                "{\"kind\":\"update-everything\",\"ratePerMinute\":0}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(bad.body()).contains("invalid-request", "\"field\":\"kind\"", "\"field\":\"orgIds\"",
                "\"field\":\"ratePerMinute\"");
        HttpResponse<String> emptyFilter = lines.post("/api/v1/batches", "{\"kind\":\"inbound-ai-on\",\"filter\":{}}");
        assertThat(emptyFilter.statusCode()).isEqualTo(400);
        assertThat(emptyFilter.body()).contains("\"field\":\"filter\"");
        HttpResponse<String> both = lines.post("/api/v1/batches",
                "{\"kind\":\"inbound-ai-off\",\"orgIds\":[],\"filter\":{\"lineStatus\":\"sideways\"},"
                        + "\"options\":{\"numberSource\":\"pool_first\"}}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("\"field\":\"filter.lineStatus\"", "\"field\":\"options.numberSource\"");
        HttpResponse<String> nothing = lines.post("/api/v1/batches",
                "{\"kind\":\"inbound-ai-on\",\"filter\":{\"orgIdPrefix\":\"no-such-org-" + UUID.randomUUID() + "\"}}");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.body()).contains("matches no organization");
        HttpResponse<String> unknown = lines.get("/api/v1/batches/" + UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("batch-not-found");
        HttpResponse<String> items = lines.get("/api/v1/batches/" + UUID.randomUUID() + "/items?status=DONE");
        assertThat(items.statusCode()).isEqualTo(400);
        assertThat(items.body()).contains("\"field\":\"status\"");
        try (LineClient organization = new LineClient(system, system::orchestratorUrl,
                "Bearer " + RunningSystem.CONSOLE_ORG_TOKEN)) {
            assertThat(organization.get("/api/v1/batches").statusCode()).as("batches are for ops").isEqualTo(403);
        }
    }

    @Test
    void anUpdateAssistantsBatchMovesEachLinesAssistantsToTheTemplatesNewVersionAndSkipsThoseAlreadyOnIt() {
        String name = "bup-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(lines.post("/api/v1/assistant-templates", template(name, "Welcome to {orgName}, version one.",
                "openai", "gpt-4o-mini", "vapi", "Elliot")).statusCode()).isEqualTo(201);
        String prefix = prefix("bupd");
        List<String> following = List.of(prefix + "0", prefix + "1");
        String pinned = prefix + "pinned";
        following.forEach(org -> assertThat(put("/api/v1/organizations/" + org + "/assistant-template",
                "{\"templateName\":\"" + name + "\"}")).isEqualTo(200));
        assertThat(put("/api/v1/organizations/" + pinned + "/assistant-template",
                "{\"templateName\":\"" + name + "\",\"templateVersion\":1}")).isEqualTo(200);
        List<String> orgs = List.of(following.get(0), following.get(1), pinned);
        orgs.forEach(org -> client.approve(org, "Upd " + org.substring(org.length() - 1), "510"));
        orgs.forEach(org -> assertThat(client.awaitSagaEnded(org, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED"));
        assertThat(client.status(following.get(0)).assistants().inboundTemplate().version()).isEqualTo(1);
        // Version 2: what the organizations following the template's latest version should now run.
        assertThat(lines.post("/api/v1/assistant-templates", template(name, "Welcome to {orgName}, version two.",
                "anthropic", "claude-sonnet-4-6", "11labs", "21m00Tcm4TlvDq8ikWAM")).statusCode()).isEqualTo(201);
        long created = system.vapi().assistantCreateCount();

        BatchView batch = batches.create("{\"kind\":\"update-assistants\",\"orgIds\":[" + ids(orgs) + "],"
                + "\"ratePerMinute\":600}");
        assertThat(batches.item(batch.id(), pinned).status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(batches.item(batch.id(), pinned).reason()).contains("already run template " + name + " v1");
        BatchView done = batches.awaitStatus(batch.id(), BatchStatus.COMPLETED, BATCH_TIMEOUT);
        assertThat(done.counts()).containsEntry(ItemStatus.SUCCEEDED, 2L).containsEntry(ItemStatus.SKIPPED, 1L);
        for (String org : following) {
            assertThat(client.sagas(org, "assistant-template-update")).singleElement()
                    .satisfies(saga -> assertThat(saga.state()).isEqualTo("COMPLETED"));
            var assistants = client.status(org).assistants();
            assertThat(assistants.inboundTemplate().version()).isEqualTo(2);
            assertThat(assistants.outboundTemplate().version()).isEqualTo(2);
            for (String id : List.of(assistants.inbound(), assistants.outbound())) {
                var assistant = system.vapi().assistants().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
                assertThat(assistant.fields().path("firstMessage").asString()).endsWith(", version two.");
                assertThat(assistant.metadata().path("templateVersion").asInt()).isEqualTo(2);
            }
        }
        assertThat(client.status(pinned).assistants().inboundTemplate().version()).isEqualTo(1);
        assertThat(system.vapi().assistantCreateCount()).as("updated in place, none created").isEqualTo(created);
    }

    private static String template(String name, String firstMessage, String modelProvider, String model,
                                   String voiceProvider, String voiceId) {
        return "{\"name\":\"" + name + "\",\"systemPrompt\":\"You are the {role} assistant of {orgName}.\","
                + "\"firstMessage\":\"" + firstMessage + "\",\"model\":{\"provider\":\"" + modelProvider
                + "\",\"model\":\"" + model + "\"},\"voice\":{\"provider\":\"" + voiceProvider
                + "\",\"voiceId\":\"" + voiceId + "\"},\"createdBy\":\"batch system test\"}";
    }

    private static int put(String path, String json) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(system.orchestratorUrl() + path))
                    .header("Authorization", SystemClient.OPS_AUTHORIZATION).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
