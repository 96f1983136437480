package io.switchboard.launcher;

import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.CleanupResults;
import io.switchboard.orchestrator.api.OrganizationSetupController;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.vapi.Assistant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API answers in the shapes the product's source documents' clients read: the organization block and a failed
 * setup in ai-status, each resource's result of a cleanup, and a retry that takes {@code countryCode} and first
 * removes what a failed setup left behind.
 */
class ClientShapesSystemTest extends SharedSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> ENDED = Set.of("COMPLETED", "COMPENSATED", "FAILED");
    private static final JsonCodec JSON = new JsonCodec();

    @AfterEach
    void clearFaults() {
        system.twilio().faults().clear();
        system.vapi().faults().clear();
    }

    @Test
    void aiStatusCarriesTheOrganizationAsUpstreamDescribedIt() {
        String orgId = SystemClient.newOrgId("shape");
        client.approve(orgId, "Shape Co", "510");
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");

        AiStatusResponse on = client.status(orgId);
        assertThat(on.organization()).isEqualTo(new AiStatusResponse.Organization(orgId, "Shape Co", true, "verified"));
        assertThat(on.hasSetup()).isTrue();
        assertThat(on.setupCompleted()).isTrue();

        lines.toggle(orgId, false);
        await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> "inactive".equals(client.status(orgId).status()));
        assertThat(client.status(orgId).organization().inboundAi()).isFalse();

        String unknown = SystemClient.newOrgId("nobody");
        AiStatusResponse none = client.status(unknown);
        assertThat(none.hasSetup()).isFalse();
        assertThat(none.status()).isEqualTo("none");
        assertThat(none.organization()).isEqualTo(new AiStatusResponse.Organization(unknown, null, false, null));
    }

    @Test
    void aFailedSetupIsASetupThatDidNotCompleteAndIsRetriedWithCountryCode() {
        String orgId = SystemClient.newOrgId("failed");
        system.vapi().faults().add(FaultRule.forOperation("PhoneNumberController_create").always().fail(400));
        client.approve(orgId, "Failed Co", "510");
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPENSATED");
        system.vapi().faults().clear();

        AiStatusResponse failed = client.status(orgId);
        assertThat(failed.hasSetup()).isTrue();
        assertThat(failed.setupCompleted()).isFalse();
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.latestSaga().failedStep()).isEqualTo("register-number");
        assertThat(failed.organization().companyName()).isEqualTo("Failed Co");

        String retry = "/api/v1/organizations/" + orgId + "/retry-ai-setup";
        HttpResponse<String> conflicting = lines.post(retry, "{\"country\":\"US\",\"countryCode\":\"CA\"}");
        assertThat(conflicting.statusCode()).isEqualTo(400);
        assertThat(conflicting.body()).contains("countryCode");
        assertThat(lines.post(retry, "{\"countryCode\":\"U1\"}").statusCode()).isEqualTo(400);

        HttpResponse<String> accepted = lines.post(retry, "{\"countryCode\":\"US\",\"areaCode\":\"415\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted(accepted).cleaningUpSagaId()).isNull();
        await().atMost(SAGA_TIMEOUT).ignoreExceptions().until(() -> "active".equals(client.status(orgId).status()));
        AiStatusResponse active = client.status(orgId);
        assertThat(active.phoneNumber()).startsWith("+1415");
        assertThat(active.setupCompleted()).isTrue();
    }

    @Test
    void cleanupReportsWhatHappenedToEachResource() {
        String orgId = SystemClient.newOrgId("cleanres");
        client.approve(orgId, "Clean Res", "510");
        assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
        AiStatusResponse before = client.status(orgId);

        // The assistants cannot be deleted: the cleanup stops there (nothing of it can be undone) and says which
        // resources are gone.
        system.vapi().faults().add(FaultRule.forOperation("AssistantController_remove").always().fail(400));
        String requestId = accepted(lines.delete("/api/v1/organizations/" + orgId + "/ai-setup")).requestId();
        OrganizationSetupController.RequestStatus stuck = awaitRequest(orgId, requestId, "COMPENSATED");
        CleanupResults partial = stuck.cleanup();
        assertThat(partial.vapiPhoneNumberDeleted()).isTrue();
        assertThat(partial.phoneNumberReleased()).isTrue();
        assertThat(partial.phoneNumberOutcome()).isEqualTo("released");
        assertThat(partial.inboundAssistantDeleted()).isFalse();
        assertThat(partial.outboundAssistantDeleted()).isFalse();
        assertThat(partial.configDeleted()).isFalse();
        assertThat(system.twilio().ownedNumbers()).noneMatch(n -> n.phoneNumber().equals(before.phoneNumber()));

        // Fixed and asked again: every resource is gone, and the request says so. The number was released by the first
        // cleanup, whose stop left the config naming only what still existed: this one had no number to act on.
        system.vapi().faults().clear();
        assertThat(client.status(orgId).hasSetup()).isTrue();
        String again = accepted(lines.delete("/api/v1/organizations/" + orgId + "/ai-setup")).requestId();
        CleanupResults done = awaitRequest(orgId, again, "COMPLETED").cleanup();
        assertThat(done).isEqualTo(new CleanupResults(true, true, true, true, true, "none"));
        assertThat(system.vapi().assistants()).noneMatch(a -> a.id().equals(before.assistants().inbound())
                || a.id().equals(before.assistants().outbound()));
        assertThat(client.status(orgId).hasSetup()).isFalse();
    }

    @Test
    void aRetryOfASetupThatLeftResourcesBehindRemovesThemFirst() {
        String orgId = SystemClient.newOrgId("leftover");
        // The registration is refused and the assistants cannot be deleted: the undo parks with both still there.
        system.vapi().faults().add(FaultRule.forOperation("PhoneNumberController_create").always().fail(400));
        system.vapi().faults().add(FaultRule.forOperation("AssistantController_remove").always().fail(400));
        client.approve(orgId, "Leftover", "510");
        SagaResponse parked = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);
        assertThat(parked.state()).isEqualTo("FAILED");
        String numberSid = output(parked, "acquire-number", "numberSid");
        List<String> leftAssistants = assistantsOf(orgId);
        assertThat(leftAssistants).hasSize(2);
        assertThat(client.status(orgId).status()).isEqualTo("failed");
        system.vapi().faults().clear();
        system.vapi().faults().add(FaultRule.forOperation("AssistantController_remove").always().fail(400));

        // While the leftovers still cannot be removed, the retry starts nothing beside them and says why.
        String retry = "/api/v1/organizations/" + orgId + "/retry-ai-setup";
        OrganizationSetupController.Accepted first = accepted(lines.post(retry, "{\"countryCode\":\"US\"}"));
        assertThat(first.cleaningUpSagaId()).isEqualTo(parked.id());
        OrganizationSetupController.RequestStatus refused = awaitRequest(orgId, first.requestId(), "IGNORED");
        assertThat(refused.note()).contains(parked.id()).contains("could not undo");
        assertThat(client.saga(parked.id()).state()).isEqualTo("FAILED");
        assertThat(assistantsOf(orgId)).containsExactlyInAnyOrderElementsOf(leftAssistants);

        // Fixed: the retry removes the leftovers (assistants deleted, number released), then onboards afresh.
        system.vapi().faults().clear();
        OrganizationSetupController.Accepted second = accepted(lines.post(retry, "{\"countryCode\":\"US\",\"areaCode\":\"415\"}"));
        assertThat(second.cleaningUpSagaId()).isEqualTo(parked.id());
        OrganizationSetupController.RequestStatus started = awaitRequest(orgId, second.requestId(), "COMPLETED");
        assertThat(started.saga().type()).isEqualTo("onboarding");
        assertThat(client.saga(parked.id()).state()).isEqualTo("COMPENSATED");
        assertThat(system.twilio().ownedNumbers()).extracting(IncomingNumber::sid).doesNotContain(numberSid);
        List<String> now = assistantsOf(orgId);
        assertThat(now).hasSize(2).doesNotContainAnyElementsOf(leftAssistants);
        AiStatusResponse active = client.status(orgId);
        assertThat(active.status()).isEqualTo("active");
        assertThat(active.phoneNumber()).startsWith("+1415");
        assertThat(List.of(active.assistants().inbound(), active.assistants().outbound()))
                .containsExactlyInAnyOrderElementsOf(now);
    }

    private static List<String> assistantsOf(String orgId) {
        return system.vapi().assistants().stream().filter(a -> orgId.equals(a.metadata().path("orgId").asString("")))
                .map(Assistant::id).toList();
    }

    private static OrganizationSetupController.Accepted accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.decodeLenient(response.body(), OrganizationSetupController.Accepted.class);
    }

    /** Waits for the request to be decided and, when it started a saga, for that saga to reach {@code sagaState}. */
    private static OrganizationSetupController.RequestStatus awaitRequest(String orgId, String requestId, String state) {
        return await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> request(orgId, requestId), r -> state.equals(r.status())
                        || (r.saga() != null && ENDED.contains(r.saga().state()) && state.equals(r.saga().state())));
    }

    private static OrganizationSetupController.RequestStatus request(String orgId, String requestId) {
        HttpResponse<String> response = lines.get("/api/v1/organizations/" + orgId + "/requests/" + requestId);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.decodeLenient(response.body(), OrganizationSetupController.RequestStatus.class);
    }

    @SuppressWarnings("unchecked")
    private static String output(SagaResponse saga, String step, String field) {
        return saga.steps().stream().filter(s -> s.name().equals(step) && s.direction().equals("ACTION"))
                .map(s -> String.valueOf(((Map<String, Object>) s.output()).get(field))).findFirst().orElseThrow();
    }
}
