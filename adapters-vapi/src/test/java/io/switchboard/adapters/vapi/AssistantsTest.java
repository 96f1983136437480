package io.switchboard.adapters.vapi;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.UpdateAssistant;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.contracts.replies.AssistantUpdated;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.vapi.Assistant;
import io.switchboard.sim.vapi.VapiSimulator;
import io.switchboard.sim.vapi.VapiSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Assistant commands against the VAPI simulator over real HTTP. */
class AssistantsTest {
    private static final String CREATE = "AssistantController_create";
    private static final String LIST = "AssistantController_findAll";
    private static final String GET = "AssistantController_findOne";
    private static final String DELETE = "AssistantController_remove";
    private static VapiSimulator simulator;
    private VapiHarness harness;

    @BeforeAll
    static void startSimulator() {
        simulator = VapiSimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        harness = new VapiHarness(VapiHarness.properties(simulator.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY));
    }

    private static CreateAssistant inbound(String orgName) {
        return new CreateAssistant("org-" + UUID.randomUUID(), UUID.randomUUID() + ":inbound-assistant", orgName,
                AssistantRole.INBOUND, AssistantRole.INBOUND.assistantName(orgName));
    }

    @Test
    void createsTheAssistantWithConfiguredDefaultsAndRequestMetadata() {
        CreateAssistant command = inbound("Acme");

        Reply reply = harness.handle(command);

        assertThat(reply).isInstanceOfSatisfying(AssistantCreated.class, created ->
                assertThat(created.name()).isEqualTo("Acme inbound"));
        Assistant stored = simulator.assistants().get(0);
        assertThat(stored.id()).isEqualTo(((AssistantCreated) reply).assistantId());
        assertThat(stored.metadata().path("switchboardRequestId").asString()).isEqualTo(command.requestId());
        assertThat(stored.metadata().path("orgId").asString()).isEqualTo(command.orgId());
        assertThat(stored.metadata().path("sagaId").asString()).isEqualTo(VapiHarness.SAGA_ID);
        assertThat(stored.metadata().path("role").asString()).isEqualTo("INBOUND");
        assertThat(stored.fields().path("firstMessage").asString()).isEqualTo("Hello, thank you for calling Acme.");
        assertThat(stored.fields().path("model").path("provider").asString()).isEqualTo("openai");
        assertThat(stored.fields().path("model").path("messages").get(0).path("content").asString())
                .isEqualTo("You are the inbound assistant of Acme.");
        assertThat(stored.fields().path("voice").path("voiceId").asString()).isEqualTo("Elliot");
        assertThat(simulator.stats().count(LIST)).as("a first attempt has nothing to look for").isZero();
    }

    @Test
    void aCommandWithATemplateCreatesTheAssistantFromItAndRecordsTheTemplateInMetadataAndReply() {
        CreateAssistant plain = inbound("Acme");
        CreateAssistant command = new CreateAssistant(plain.orgId(), plain.requestId(), "Acme", AssistantRole.INBOUND,
                "Acme inbound", new AssistantConfig("dental", 3, "You answer the phone for Acme Dental.",
                "Acme Dental, how may I help?", "anthropic", "claude-3-5-sonnet-20241022", "11labs", "21m00Tcm4TlvDq8ikWAM"));

        Reply reply = harness.handle(command);

        assertThat(reply).isEqualTo(new AssistantCreated(simulator.assistants().get(0).id(), "Acme inbound", "dental", 3));
        Assistant stored = simulator.assistants().get(0);
        assertThat(stored.fields().path("firstMessage").asString()).isEqualTo("Acme Dental, how may I help?");
        assertThat(stored.fields().path("model").path("provider").asString()).isEqualTo("anthropic");
        assertThat(stored.fields().path("model").path("model").asString()).isEqualTo("claude-3-5-sonnet-20241022");
        assertThat(stored.fields().path("model").path("messages").get(0).path("content").asString())
                .isEqualTo("You answer the phone for Acme Dental.");
        assertThat(stored.fields().path("voice").path("provider").asString()).isEqualTo("11labs");
        assertThat(stored.fields().path("voice").path("voiceId").asString()).isEqualTo("21m00Tcm4TlvDq8ikWAM");
        assertThat(stored.metadata().path("templateName").asString()).isEqualTo("dental");
        assertThat(stored.metadata().path("templateVersion").asInt()).isEqualTo(3);
        assertThat(stored.metadata().path("orgId").asString()).isEqualTo(command.orgId());
        assertThat(simulator.violations()).as("requests VAPI's document does not allow").isEmpty();

        assertThat(harness.handle(command)).as("a redelivery reports what the assistant at VAPI records").isEqualTo(reply);
    }

    @Test
    void anUpdateMakesTheOrganizationsAssistantRunTheNewTemplateAndKeepsItsOwnerTags() {
        CreateAssistant command = inbound("Acme");
        AssistantCreated created = (AssistantCreated) harness.handle(command);
        AssistantConfig v2 = new AssistantConfig("dental", 2, "You are Acme's receptionist.", "Acme, good morning.",
                "groq", "llama-3.3-70b-versatile", "openai", "my-cloned-voice");

        Reply reply = harness.handle(new UpdateAssistant(command.orgId(), "saga-2:update-inbound-assistant",
                created.assistantId(), AssistantRole.INBOUND, v2));

        assertThat(reply).isEqualTo(new AssistantUpdated(created.assistantId(), "dental", 2));
        Assistant stored = simulator.assistants().get(0);
        assertThat(stored.fields().path("firstMessage").asString()).isEqualTo("Acme, good morning.");
        assertThat(stored.fields().path("model").path("provider").asString()).isEqualTo("groq");
        assertThat(stored.fields().path("voice").path("voiceId").asString()).isEqualTo("my-cloned-voice");
        assertThat(stored.metadata().path("templateVersion").asInt()).isEqualTo(2);
        assertThat(stored.metadata().path("orgId").asString()).as("owner tags survive").isEqualTo(command.orgId());
        assertThat(stored.metadata().path("switchboardRequestId").asString()).isEqualTo(command.requestId());
        assertThat(simulator.violations()).as("requests VAPI's document does not allow").isEmpty();

        Reply refused = harness.handle(new UpdateAssistant("org-other", "saga-3:update-inbound-assistant",
                created.assistantId(), AssistantRole.INBOUND, v2));
        assertThat(refused).isInstanceOfSatisfying(StepFailed.class, failed ->
                assertThat(failed.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION));
        assertThat(simulator.stats().count("AssistantController_update")).as("another organization's is not touched")
                .isEqualTo(1);
    }

    @Test
    void aRepeatedCommandCreatesTheAssistantOnce() {
        CreateAssistant command = inbound("Globex");

        Reply first = harness.handle(command);
        Reply second = harness.handle(command);

        assertThat(second).isEqualTo(first);
        assertThat(simulator.assistantCreateCount()).isEqualTo(1);
        assertThat(simulator.assistants()).hasSize(1);
        assertThat(simulator.stats().count(GET)).as("the ledger's record is checked at VAPI").isEqualTo(1);
        assertThat(simulator.stats().count(LIST)).as("no listing: the ledger knows the id").isZero();
    }

    @Test
    void anAssistantDeletedSinceItsRequestCreatedItIsNotCreatedAgainByALaterDelivery() {
        CreateAssistant command = inbound("Wayne");
        AssistantCreated first = (AssistantCreated) harness.handle(command);
        assertThat(harness.handle(new DeleteAssistant(command.orgId(), "ops:delete", first.assistantId())))
                .isInstanceOf(AssistantDeleted.class);

        Reply again = harness.handle(command);

        assertThat(again).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.CREATED_RESOURCE_GONE);
            assertThat(f.retryable()).isFalse();
            assertThat(f.message()).contains(first.assistantId(), command.requestId());
        });
        assertThat(simulator.assistants()).isEmpty();
        assertThat(harness.ledger.find(command.requestId(), "vapi-assistant")).get()
                .satisfies(c -> assertThat(c.resourceId()).isEqualTo(first.assistantId()));
    }

    @Test
    void aNameLongerThanVapiAllowsIsCutTo40Characters() {
        String orgName = "The Extremely Long Organization Name Incorporated";
        Reply reply = harness.handle(inbound(orgName));

        assertThat(reply).isInstanceOfSatisfying(AssistantCreated.class, created ->
                assertThat(created.name()).hasSize(40).startsWith("The Extremely Long"));
    }

    @Test
    void aTimeoutAfterTheCreateSucceededIsAdoptedNotCreatedAgain() {
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).applyThenFail(500, Duration.ofSeconds(3)));
        VapiHarness impatient = new VapiHarness(VapiHarness.properties(simulator.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY,
                Duration.ofMillis(700), VapiHarness.resilience(4, 20, 10)));

        Reply reply = impatient.handle(inbound("Initech"));

        assertThat(simulator.assistantCreateCount()).isEqualTo(1);
        assertThat(simulator.stats().count(CREATE)).isEqualTo(1);
        assertThat(((AssistantCreated) reply).assistantId()).isEqualTo(simulator.assistants().get(0).id());
        assertThat(simulator.stats().count(LIST)).as("the retry looked it up").isEqualTo(1);
    }

    @Test
    void rateLimitAndServerErrorsAreRetriedThenSucceed() {
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).fail(429));
        simulator.faults().add(FaultRule.forOperation(LIST).onNthCall(1).fail(500));

        Reply reply = harness.handle(inbound("Umbrella"));

        assertThat(simulator.assistantCreateCount()).isEqualTo(1);
        assertThat(simulator.stats().count(CREATE)).isEqualTo(2);
        assertThat(simulator.stats().count(LIST)).as("looked up before every create after the first").isEqualTo(2);
    }

    @Test
    void aBadApiKeyFailsFinallyAfterExactlyOneCall() {
        VapiHarness wrongKey = new VapiHarness(VapiHarness.properties(simulator.baseUrl(), "not-the-key"));

        Reply reply = wrongKey.handle(inbound("Hooli"));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo(StepFailed.AUTHENTICATION_FAILED);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.provider()).isEqualTo("vapi");
            assertThat(failed.providerCode()).isEqualTo("401");
            assertThat(failed.message()).doesNotContain("not-the-key");
        });
        assertThat(simulator.stats().total()).isEqualTo(1);
    }

    @Test
    void theCircuitBreakerOpensUnderAFailingVapiAndThenStopsCallingIt() {
        VapiHarness guarded = new VapiHarness(VapiHarness.properties(simulator.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY,
                Duration.ofSeconds(5), VapiHarness.resilience(2, 4, 4)));
        simulator.faults().add(FaultRule.forOperation(CREATE).always().fail(502));
        simulator.faults().add(FaultRule.forOperation(LIST).always().fail(502));

        Reply first = guarded.handle(inbound("A"));
        Reply second = guarded.handle(inbound("B"));
        Reply third = guarded.handle(inbound("C"));

        assertThat(first).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.PROVIDER_UNAVAILABLE);
            assertThat(f.retryable()).isTrue();
            assertThat(f.providerCode()).isEqualTo("502");
        });
        assertThat(second).isInstanceOf(StepFailed.class);
        assertThat(guarded.guard.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(third).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.PROVIDER_UNAVAILABLE);
            assertThat(f.message()).contains("circuit breaker is open");
        });
        assertThat(simulator.stats().count(CREATE) + simulator.stats().count(LIST))
                .as("two commands x two attempts (create, then look up), then none").isEqualTo(4);
        assertThat(simulator.assistantCreateCount()).isZero();
    }

    @Test
    void deletingIsIdempotent() {
        CreateAssistant command = inbound("Stark");
        AssistantCreated created = (AssistantCreated) harness.handle(command);
        DeleteAssistant delete = new DeleteAssistant(command.orgId(), "saga:delete-inbound", created.assistantId());

        assertThat(harness.handle(delete)).isEqualTo(new AssistantDeleted(created.assistantId(), false));
        assertThat(harness.handle(delete)).isEqualTo(new AssistantDeleted(created.assistantId(), true));
        assertThat(simulator.assistants()).isEmpty();
        assertThat(simulator.stats().count(DELETE)).as("the second found it gone (and checked its owner first)").isEqualTo(1);
        assertThat(simulator.stats().count(GET)).isEqualTo(2);
    }
}
