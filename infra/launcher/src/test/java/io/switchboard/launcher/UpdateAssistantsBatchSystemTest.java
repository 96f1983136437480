package io.switchboard.launcher;

import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.batches.BatchItemView;
import io.switchboard.orchestrator.batches.BatchStatus;
import io.switchboard.orchestrator.batches.BatchView;
import io.switchboard.orchestrator.batches.ItemStatus;
import io.switchboard.sim.common.Violation;
import io.switchboard.sim.vapi.Assistant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code update-assistants} batch over the running system: a template gets a new version, and a batch moves the
 * organizations that follow it to that version — VAPI's simulator judging every update by the official document —
 * while an organization pinned to the old version is skipped as up to date, one whose assistant was deleted at VAPI
 * fails with the reason, one whose line names another organization's assistant fails at the worker's owner check
 * (that assistant untouched), and one without a line is skipped. The dry run before it starts nothing; the
 * single-organization entry point does the same for one organization, ops only.
 */
class UpdateAssistantsBatchSystemTest extends SharedSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SAGA = "assistant-template-update";

    private final HttpClient http = HttpClient.newHttpClient();
    private final BatchClient batches = new BatchClient(lines);

    @Test
    void aBatchMovesFollowersToTheNewVersionSkippingTheUpToDateAndReportingTheDeletedAndTheForeignAssistant() {
        Instant started = Instant.now();
        String name = "upd-" + UUID.randomUUID().toString().substring(0, 8);
        json(ops("POST", "/api/v1/assistant-templates", template(name, "Hello from {orgName}, version one.",
                "openai", "gpt-4o-mini", "vapi", "Elliot")), 201);
        String updated = SystemClient.newOrgId("upd-updated");
        String deleted = SystemClient.newOrgId("upd-deleted");
        String foreign = SystemClient.newOrgId("upd-foreign");
        String current = SystemClient.newOrgId("upd-current");
        String bystander = SystemClient.newOrgId("upd-bystander");
        String unknown = SystemClient.newOrgId("upd-unknown");
        List<String> onboarded = List.of(updated, deleted, foreign, current, bystander);
        for (String orgId : onboarded) {
            // Pinned without a version: the template's latest, now and after the next version.
            pin(orgId, "{\"templateName\":\"" + name + "\"}");
            client.approve(orgId, "Upd " + orgId.substring(0, 10), "510");
        }
        for (String orgId : onboarded) {
            assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).as(orgId).isEqualTo("COMPLETED");
            assertThat(client.status(orgId).assistants().inboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 1));
        }
        // Pinned to version 1 exactly: already on its effective version whatever comes next.
        pin(current, "{\"templateName\":\"" + name + "\",\"templateVersion\":1}");
        json(ops("POST", "/api/v1/assistant-templates", template(name, "Hello from {orgName}, version two.",
                "anthropic", "claude-sonnet-4-6", "11labs", "21m00Tcm4TlvDq8ikWAM")), 201);

        AiStatusResponse.Assistants deletedBefore = client.status(deleted).assistants();
        deleteAssistantAtVapi(deletedBefore.inbound());
        // The foreign organization's line names the bystander's assistant (a hand-edited record, a mix-up).
        String bystanderInbound = client.status(bystander).assistants().inbound();
        Assistant bystanderBefore = assistant(bystanderInbound);
        pointInboundAt(foreign, bystanderInbound);
        AiStatusResponse.Assistants foreignBefore = client.status(foreign).assistants();
        Assistant updatedInboundBefore = assistant(client.status(updated).assistants().inbound());

        List<String> asked = List.of(updated, deleted, foreign, current, unknown);
        BatchView plan = batches.create("{\"kind\":\"update-assistants\",\"orgIds\":[" + ids(asked) + "],"
                + "\"ratePerMinute\":60,\"dryRun\":true,\"createdBy\":\"update-assistants system test\"}");
        assertThat(plan.status()).isEqualTo(BatchStatus.PLANNED);
        List<BatchItemView> planned = batches.items(plan.id());
        String change = "update inbound v1→v2, outbound v1→v2 (template " + name + ")";
        assertThat(item(planned, updated).status()).isEqualTo(ItemStatus.PENDING);
        assertThat(item(planned, updated).action()).isEqualTo(change);
        assertThat(item(planned, deleted).action()).isEqualTo(change);
        assertThat(item(planned, current).status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(item(planned, current).reason()).contains("already up to date", name + " v1");
        assertThat(item(planned, unknown).status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(item(planned, unknown).reason()).contains("no line");
        // The dry run started nothing: no saga, no request queued, the assistants as they were.
        for (String orgId : asked) {
            assertThat(client.sagas(orgId, SAGA)).as(orgId).isEmpty();
        }
        assertThat(planned).allSatisfy(i -> assertThat(i.requestId()).isNull());
        assertThat(assistant(updatedInboundBefore.id()).updatedAt()).isEqualTo(updatedInboundBefore.updatedAt());

        batches.act(plan.id(), "resume");
        BatchView done = batches.awaitStatus(plan.id(), BatchStatus.COMPLETED, BATCH_TIMEOUT);
        assertThat(done.counts()).containsEntry(ItemStatus.SUCCEEDED, 1L).containsEntry(ItemStatus.FAILED, 2L)
                .containsEntry(ItemStatus.SKIPPED, 2L).containsEntry(ItemStatus.PENDING, 0L);
        List<BatchItemView> items = batches.items(plan.id());

        // Updated: both assistants run version 2 at VAPI, and the line and ai-status say so.
        BatchItemView success = item(items, updated);
        assertThat(success.status()).isEqualTo(ItemStatus.SUCCEEDED);
        assertThat(client.sagas(updated, SAGA)).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("COMPLETED");
            assertThat(UUID.fromString(s.id())).isEqualTo(success.sagaId());
        });
        AiStatusResponse.Assistants after = client.status(updated).assistants();
        assertThat(after.inboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 2));
        assertThat(after.outboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 2));
        for (String id : List.of(after.inbound(), after.outbound())) {
            Assistant assistant = assistant(id);
            assertThat(assistant.fields().path("firstMessage").asString())
                    .isEqualTo("Hello from Upd " + updated.substring(0, 10) + ", version two.");
            assertThat(assistant.fields().path("model").path("provider").asString()).isEqualTo("anthropic");
            assertThat(assistant.fields().path("model").path("model").asString()).isEqualTo("claude-sonnet-4-6");
            assertThat(assistant.fields().path("voice").path("provider").asString()).isEqualTo("11labs");
            assertThat(assistant.fields().path("voice").path("voiceId").asString()).isEqualTo("21m00Tcm4TlvDq8ikWAM");
            assertThat(assistant.metadata().path("templateName").asString()).isEqualTo(name);
            assertThat(assistant.metadata().path("templateVersion").asInt()).isEqualTo(2);
            assertThat(assistant.metadata().path("orgId").asString()).isEqualTo(updated);
        }

        // Deleted at VAPI: the item fails at the inbound update; the outbound assistant and the record stay on v1.
        BatchItemView gone = item(items, deleted);
        assertThat(gone.status()).isEqualTo(ItemStatus.FAILED);
        assertThat(gone.reason()).contains(SAGA + " saga", "update-inbound-assistant", "404");
        AiStatusResponse.Assistants deletedAfter = client.status(deleted).assistants();
        assertThat(deletedAfter.inboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 1));
        assertThat(deletedAfter.outboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 1));
        Assistant deletedOutbound = assistant(deletedBefore.outbound());
        assertThat(deletedOutbound.metadata().path("templateVersion").asInt()).isEqualTo(1);
        assertThat(deletedOutbound.fields().path("model").path("model").asString()).isEqualTo("gpt-4o-mini");

        // Another organization's assistant: refused by the worker's owner check, left exactly as it was.
        BatchItemView refused = item(items, foreign);
        assertThat(refused.status()).isEqualTo(ItemStatus.FAILED);
        assertThat(refused.reason()).contains(SAGA + " saga", "update-inbound-assistant", "OWNED_BY_ANOTHER_ORGANIZATION");
        Assistant bystanderAfter = assistant(bystanderInbound);
        assertThat(bystanderAfter.updatedAt()).isEqualTo(bystanderBefore.updatedAt());
        assertThat(bystanderAfter.fields()).isEqualTo(bystanderBefore.fields());
        assertThat(client.status(bystander).assistants().inboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 1));
        assertThat(assistant(foreignBefore.outbound()).metadata().path("templateVersion").asInt())
                .as("the foreign line's own outbound assistant, after the failed inbound step").isEqualTo(1);

        assertThat(item(items, current).status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(client.sagas(current, SAGA)).isEmpty();
        assertThat(client.sagas(bystander, SAGA)).isEmpty();

        List<Violation> violations = system.vapi().violations().stream().filter(v -> !v.at().isBefore(started)).toList();
        assertThat(violations).as("requests VAPI's document does not allow").isEmpty();

        // One organization at a time: follow the latest version again and apply it (ops only).
        pin(current, "{\"templateName\":\"" + name + "\"}");
        HttpResponse<String> forbidden = send(RunningSystem.CONSOLE_ORG_TOKEN, "POST",
                "/api/v1/organizations/" + RunningSystem.CONSOLE_ORG_ID + "/assistant-template/apply");
        assertThat(forbidden.statusCode()).as("an organization token").isEqualTo(403);
        assertThat(json(ops("POST", "/api/v1/organizations/" + unknown + "/assistant-template/apply", null), 404)
                .path("type").asString()).isEqualTo("https://switchboard.io/problems/ai-setup-not-found");
        JsonNode accepted = json(ops("POST", "/api/v1/organizations/" + current + "/assistant-template/apply", null), 202);
        String statusUrl = accepted.path("statusUrl").asString();
        JsonNode request = await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> json(ops("GET", statusUrl, null), 200),
                        r -> "COMPLETED".equals(r.path("saga").path("state").asString()));
        assertThat(request.path("type").asString()).isEqualTo("io.switchboard.ops.UpdateAssistants.v1");
        assertThat(client.status(current).assistants().outboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 2));
        assertThat(assistant(client.status(current).assistants().inbound()).metadata().path("templateVersion").asInt())
                .isEqualTo(2);
        // Applying again changes nothing: the request is ignored as up to date.
        String again = json(ops("POST", "/api/v1/organizations/" + current + "/assistant-template/apply", null), 202)
                .path("statusUrl").asString();
        JsonNode ignored = await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> json(ops("GET", again, null), 200), r -> "IGNORED".equals(r.path("status").asString()));
        assertThat(ignored.path("note").asString()).contains("already up to date");
        assertThat(client.sagas(current, SAGA)).hasSize(1);
    }

    @Test
    void aBatchNamingATemplateVersionPinsEachOrganizationWhenItsItemStartsAndMovesItsAssistantsThere() {
        String name = "pin-" + UUID.randomUUID().toString().substring(0, 8);
        json(ops("POST", "/api/v1/assistant-templates", template(name, "Hi, {orgName} here, v1.",
                "openai", "gpt-4o-mini", "vapi", "Elliot")), 201);
        json(ops("POST", "/api/v1/assistant-templates", template(name, "Hi, {orgName} here, v2.",
                "openai", "gpt-4o", "vapi", "Elliot")), 201);
        json(ops("POST", "/api/v1/assistant-templates", template(name, "Hi, {orgName} here, v3.",
                "anthropic", "claude-sonnet-4-6", "vapi", "Elliot")), 201);
        String moved = SystemClient.newOrgId("pin-moved");
        String there = SystemClient.newOrgId("pin-there");
        pin(moved, "{\"templateName\":\"" + name + "\",\"templateVersion\":1}");
        pin(there, "{\"templateName\":\"" + name + "\",\"templateVersion\":2}");
        for (String orgId : List.of(moved, there)) {
            client.approve(orgId, "Pin " + orgId.substring(0, 9), "510");
        }
        for (String orgId : List.of(moved, there)) {
            assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).as(orgId).isEqualTo("COMPLETED");
        }

        // Bad options are refused naming the field; nothing is created.
        JsonNode unknownVersion = json(ops("POST", "/api/v1/batches", "{\"kind\":\"update-assistants\",\"orgIds\":[\""
                + moved + "\"],\"options\":{\"templateName\":\"" + name + "\",\"templateVersion\":9}}"), 400);
        assertThat(unknownVersion.path("errors").get(0).path("field").asString()).isEqualTo("options.templateVersion");
        JsonNode wrongKind = json(ops("POST", "/api/v1/batches", "{\"kind\":\"inbound-ai-on\",\"orgIds\":[\""
                + moved + "\"],\"options\":{\"templateName\":\"" + name + "\"}}"), 400);
        assertThat(wrongKind.path("errors").get(0).path("field").asString()).isEqualTo("options.templateName");

        BatchView plan = batches.create("{\"kind\":\"update-assistants\",\"orgIds\":[" + ids(List.of(moved, there))
                + "],\"options\":{\"templateName\":\"" + name + "\",\"templateVersion\":2},\"ratePerMinute\":60,"
                + "\"dryRun\":true}");
        List<BatchItemView> planned = batches.items(plan.id());
        assertThat(item(planned, moved).action()).isEqualTo("update inbound v1→v2, outbound v1→v2 (template " + name + ")");
        assertThat(item(planned, there).status()).isEqualTo(ItemStatus.SKIPPED);
        assertThat(item(planned, there).reason()).contains("already up to date", name + " v2");
        // A dry run pins nothing.
        assertThat(json(ops("GET", "/api/v1/organizations/" + moved + "/assistant-template", null), 200)
                .path("pinnedVersion").asInt()).isEqualTo(1);

        batches.act(plan.id(), "resume");
        BatchView done = batches.awaitStatus(plan.id(), BatchStatus.COMPLETED, BATCH_TIMEOUT);
        assertThat(done.counts()).containsEntry(ItemStatus.SUCCEEDED, 1L).containsEntry(ItemStatus.SKIPPED, 1L);
        JsonNode pinned = json(ops("GET", "/api/v1/organizations/" + moved + "/assistant-template", null), 200);
        assertThat(pinned.path("pinnedVersion").asInt()).as("version 2, not the latest (3)").isEqualTo(2);
        assertThat(pinned.path("source").asString()).isEqualTo("PINNED_VERSION");
        assertThat(pinned.path("pinnedBy").asString()).isEqualTo("batch " + plan.id());
        AiStatusResponse.Assistants after = client.status(moved).assistants();
        assertThat(after.inboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 2));
        assertThat(after.outboundTemplate()).isEqualTo(new AiStatusResponse.Template(name, 2));
        Assistant inbound = assistant(after.inbound());
        assertThat(inbound.fields().path("firstMessage").asString())
                .isEqualTo("Hi, Pin " + moved.substring(0, 9) + " here, v2.");
        assertThat(inbound.fields().path("model").path("model").asString()).isEqualTo("gpt-4o");
        assertThat(inbound.metadata().path("templateVersion").asInt()).isEqualTo(2);
        assertThat(json(ops("GET", "/api/v1/organizations/" + there + "/assistant-template", null), 200)
                .path("pinnedBy").asString()).as("a skipped item pins nothing").isNotEqualTo("batch " + plan.id());
    }

    private static BatchItemView item(List<BatchItemView> items, String orgId) {
        return items.stream().filter(i -> i.orgId().equals(orgId)).findFirst().orElseThrow();
    }

    private static String ids(List<String> orgIds) {
        return String.join(",", orgIds.stream().map(id -> "\"" + id + "\"").toList());
    }

    private void pin(String orgId, String body) {
        json(ops("PUT", "/api/v1/organizations/" + orgId + "/assistant-template", body), 200);
    }

    private Assistant assistant(String id) {
        return system.vapi().assistants().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    /** Out of band, as someone in VAPI's dashboard would. */
    private void deleteAssistantAtVapi(String id) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(system.vapi().baseUrl()
                + "/assistant/" + id)).header("Authorization", "Bearer " + system.vapi().config().apiKey()).DELETE());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void pointInboundAt(String orgId, String assistantId) {
        try (Connection connection = DriverManager.getConnection(system.stack().jdbcUrl(),
                system.stack().postgres().username(), system.stack().postgres().password());
             var statement = connection.prepareStatement(
                     "update ai_config set inbound_assistant_id = ? where org_id = ?")) {
            statement.setString(1, assistantId);
            statement.setString(2, orgId);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String template(String name, String firstMessage, String modelProvider, String model,
                                   String voiceProvider, String voiceId) {
        return JSON.writeValueAsString(new LinkedHashMap<>(Map.of(
                "name", name,
                "systemPrompt", "You are the {role} assistant of {orgName}.",
                "firstMessage", firstMessage,
                "model", Map.of("provider", modelProvider, "model", model),
                "voice", Map.of("provider", voiceProvider, "voiceId", voiceId),
                "createdBy", "system test")));
    }

    private HttpResponse<String> ops(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.orchestratorUrl() + path))
                .header("Authorization", SystemClient.OPS_AUTHORIZATION)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request);
    }

    private HttpResponse<String> send(String token, String method, String path) {
        return exchange(HttpRequest.newBuilder(URI.create(system.orchestratorUrl() + path))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
