package io.switchboard.adapters.vapi;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.common.Json;
import io.switchboard.sim.vapi.Assistant;
import io.switchboard.sim.vapi.PhoneNumber;
import io.switchboard.sim.vapi.VapiSimulator;
import io.switchboard.sim.vapi.VapiSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.switchboard.adapters.vapi.VapiHarness.TWILIO_SID;
import static io.switchboard.adapters.vapi.VapiHarness.TWILIO_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account with far more than one page (1,000) of assistants and phone numbers, most of them created after the
 * request's in-doubt first attempt, as in a busy hour: the next attempt still finds exactly what the first one
 * created, and nothing is created twice. Each {@code handle} is one saga attempt (no in-process retry), so the
 * second one meets the claim the first left pending. Request and response checks are on, as in
 * {@link VapiWorkerContractTest}.
 */
class LargeAccountTest {
    private static final int SEEDED_EACH_SIDE = 1_200;
    private static final String ORG = "org-large";
    private static VapiSimulator simulator;
    private RecordingProxy proxy;
    private VapiHarness oneAttemptEach;
    private int seeded;

    @BeforeAll
    static void startSimulator() {
        simulator = VapiSimulator.start(VapiSimulatorConfig.defaults().withResponseChecks(true));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        proxy = new RecordingProxy(simulator.baseUrl());
        oneAttemptEach = new VapiHarness(VapiHarness.properties(proxy.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY,
                Duration.ofSeconds(10), VapiHarness.resilience(1, 20, 10)));
    }

    @AfterEach
    void closeProxyAfterEveryRequestAndResponseConformed() {
        proxy.close();
        assertThat(simulator.violations()).as("requests VAPI's document does not allow").isEmpty();
        assertThat(simulator.responseViolations()).as("simulator responses VAPI's document does not allow").isEmpty();
    }

    @Test
    void aRetriedAssistantCreateFindsTheOneItsInDoubtAttemptMadeAmongThousands() {
        seedAssistants(SEEDED_EACH_SIDE);
        simulator.faults().add(FaultRule.forOperation("AssistantController_create").onNthCall(1).applyThenFail(500));
        CreateAssistant command = new CreateAssistant(ORG, UUID.randomUUID() + ":inbound-assistant", "Busy",
                AssistantRole.INBOUND, "Busy inbound");

        assertThat(oneAttemptEach.handle(command)).isInstanceOfSatisfying(StepFailed.class, f -> assertThat(f.retryable()).isTrue());
        Assistant inDoubt = simulator.assistants().stream()
                .filter(a -> command.requestId().equals(a.metadata().path("switchboardRequestId").asString()))
                .findFirst().orElseThrow();
        seedAssistants(SEEDED_EACH_SIDE);

        Reply retried = oneAttemptEach.handle(command);

        assertThat(retried).isEqualTo(new AssistantCreated(inDoubt.id(), "Busy inbound"));
        assertThat(simulator.stats().count("AssistantController_create")).as("one create over the wire").isEqualTo(1);
        assertThat(simulator.assistants()).hasSize(2 * SEEDED_EACH_SIDE + 1);
        assertOnlyBoundedTimeWindows(proxy.requests("GET", "/assistant"));
    }

    @Test
    void aRetriedRegistrationFindsTheNumberItsDroppedAttemptImportedAmongThousands() {
        String assistantId = ((AssistantCreated) oneAttemptEach.handle(new CreateAssistant(ORG,
                UUID.randomUUID() + ":inbound-assistant", "Busy", AssistantRole.INBOUND, "Busy inbound"))).assistantId();
        seedRegistrations(SEEDED_EACH_SIDE);
        simulator.faults().add(FaultRule.forOperation("PhoneNumberController_create").onNthCall(1).applyThenDrop());
        RegisterPhoneNumber command = new RegisterPhoneNumber(ORG, UUID.randomUUID() + ":register-number",
                "+14155550100", "PN" + "0".repeat(32), assistantId, "Busy line", null);

        assertThat(oneAttemptEach.handle(command)).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.TIMEOUT);
            assertThat(f.retryable()).isTrue();
        });
        PhoneNumber inDoubt = simulator.phoneNumbers().stream().filter(p -> "+14155550100".equals(p.number()))
                .findFirst().orElseThrow();
        seedRegistrations(SEEDED_EACH_SIDE);

        Reply retried = oneAttemptEach.handle(command);

        assertThat(retried).isEqualTo(new PhoneNumberRegistered(inDoubt.id(), "+14155550100", assistantId));
        assertThat(simulator.stats().count("PhoneNumberController_create")).isEqualTo(1);
        assertThat(simulator.phoneNumbers()).hasSize(2 * SEEDED_EACH_SIDE + 1);
        assertThat(proxy.requests("GET", "/phone-number")).as("no listing of the account").isEmpty();
        assertThat(proxy.requests("GET", "/v2/phone-number"))
                .allSatisfy(r -> assertThat(r.query()).containsEntry("search", "+14155550100"));
    }

    @Test
    void aRetriedFreeNumberCreateFindsItsNumberAmongThousandsOfRegistrations() {
        String assistantId = ((AssistantCreated) oneAttemptEach.handle(new CreateAssistant(ORG,
                UUID.randomUUID() + ":inbound-assistant", "Busy", AssistantRole.INBOUND, "Busy inbound"))).assistantId();
        seedRegistrations(SEEDED_EACH_SIDE);
        simulator.faults().add(FaultRule.forOperation("PhoneNumberController_create").onNthCall(1).applyThenFail(500));
        CreateFreePhoneNumber command = new CreateFreePhoneNumber(ORG, UUID.randomUUID() + ":create-free-vapi-number",
                "415", assistantId, "Busy line");

        assertThat(oneAttemptEach.handle(command)).isInstanceOf(StepFailed.class);
        PhoneNumber inDoubt = simulator.phoneNumbers().stream().filter(p -> "vapi".equals(p.provider()))
                .findFirst().orElseThrow();
        seedRegistrations(SEEDED_EACH_SIDE);

        Reply retried = oneAttemptEach.handle(command);

        assertThat(retried).isInstanceOfSatisfying(FreePhoneNumberCreated.class,
                created -> assertThat(created.vapiPhoneNumberId()).isEqualTo(inDoubt.id()));
        assertThat(simulator.phoneNumbers()).filteredOn(p -> "vapi".equals(p.provider())).hasSize(1);
        assertThat(simulator.stats().count("PhoneNumberController_create")).isEqualTo(1);
        assertOnlyBoundedTimeWindows(proxy.requests("GET", "/phone-number"));
    }

    /** More than one page was read, and only ever as a bounded createdAt window, never as "the newest N". */
    private static void assertOnlyBoundedTimeWindows(List<RecordingProxy.Recorded> lists) {
        assertThat(lists).as("the window held more than a page, so it was split").hasSizeGreaterThan(1);
        assertThat(lists).allSatisfy(r -> {
            assertThat(r.query()).containsOnlyKeys("createdAtGe", "createdAtLt", "limit");
            assertThat(Integer.parseInt(r.query().get("limit"))).isBetween(1, 1000);
        });
    }

    private void seedAssistants(int count) {
        for (int i = 0; i < count; i++) {
            ObjectNode body = Json.object();
            body.put("name", "Seed " + seeded);
            ObjectNode metadata = body.putObject("metadata");
            metadata.put("orgId", "org-seed-" + seeded);
            metadata.put("switchboardRequestId", "seed-" + seeded + ":inbound-assistant");
            simulator.createAssistant(body);
            seeded++;
        }
    }

    private void seedRegistrations(int count) {
        for (int i = 0; i < count; i++) {
            ObjectNode body = Json.object();
            body.put("provider", "twilio");
            body.put("number", String.format("+1212%07d", seeded));
            body.put("twilioAccountSid", TWILIO_SID);
            body.put("twilioAuthToken", TWILIO_TOKEN);
            body.put("name", "Seed " + seeded);
            simulator.createPhoneNumber(body);
            seeded++;
        }
    }
}
