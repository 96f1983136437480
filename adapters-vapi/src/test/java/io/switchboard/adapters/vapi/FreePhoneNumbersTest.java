package io.switchboard.adapters.vapi;

import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.vapi.PhoneNumber;
import io.switchboard.sim.vapi.VapiSimulator;
import io.switchboard.sim.vapi.VapiSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Free VAPI numbers against the simulator over real HTTP: created once per request id, "not ready" until the
 * simulator's activation delay has passed, then active with digits; VAPI's free-number limit is a final failure.
 */
class FreePhoneNumbersTest {
    private static final String CREATE = "PhoneNumberController_create";
    private static final Duration ACTIVATION = Duration.ofMillis(800);
    private static final int FREE_LIMIT = 2;
    private static VapiSimulator simulator;

    private VapiHarness harness;
    private String assistantId;

    @BeforeAll
    static void startSimulator() {
        simulator = VapiSimulator.start(VapiSimulatorConfig.defaults()
                .withFreeNumberActivationDelay(ACTIVATION).withFreeNumberLimit(FREE_LIMIT));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        harness = new VapiHarness(VapiHarness.properties(simulator.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY));
        assistantId = ((AssistantCreated) harness.handle(new CreateAssistant("org-1",
                UUID.randomUUID() + ":a", "Acme", AssistantRole.INBOUND, "Acme inbound"))).assistantId();
    }

    private CreateFreePhoneNumber command(String requestId) {
        return new CreateFreePhoneNumber("org-1", requestId, "415", assistantId, "Acme Plumbing and Heating of Springfield");
    }

    private Reply check(String vapiPhoneNumberId) {
        return harness.handle(new CheckPhoneNumber("org-1", "saga-1:await-vapi-number", vapiPhoneNumberId));
    }

    @Test
    void aNewFreeNumberIsNotReadyUntilVapiShowsItsDigits() {
        Reply created = harness.handle(command(UUID.randomUUID() + ":create-free-vapi-number"));

        assertThat(created).isInstanceOfSatisfying(FreePhoneNumberCreated.class,
                c -> assertThat(c.status()).isEqualTo("activating"));
        String id = ((FreePhoneNumberCreated) created).vapiPhoneNumberId();
        assertThat(check(id)).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.NOT_READY);
            assertThat(f.retryable()).isTrue();
            assertThat(f.provider()).isEqualTo("vapi");
        });

        Reply active = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> check(id), r -> r instanceof PhoneNumberActive);
        assertThat(((PhoneNumberActive) active).phoneNumber()).startsWith("+1415555");
        assertThat(((PhoneNumberActive) active).vapiPhoneNumberId()).isEqualTo(id);
        PhoneNumber atVapi = simulator.phoneNumbers().get(0);
        assertThat(atVapi.assistantId()).isEqualTo(assistantId);
        assertThat(atVapi.name()).as("readable, tagged, within VAPI's 40 characters")
                .startsWith("Acme Plumbing").contains(" sb-").hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void theSameCommandDeliveredTwiceGetsOneNumber() {
        CreateFreePhoneNumber command = command(UUID.randomUUID() + ":create-free-vapi-number");

        Reply first = harness.handle(command);
        Reply second = harness.handle(command);

        assertThat(second).isEqualTo(first);
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
        assertThat(simulator.phoneNumbers()).hasSize(1);
    }

    @Test
    void aFreeNumberDeletedSinceItsRequestCreatedItIsNotCreatedAgainByALaterDelivery() {
        CreateFreePhoneNumber command = command(UUID.randomUUID() + ":create-free-vapi-number");
        FreePhoneNumberCreated first = (FreePhoneNumberCreated) harness.handle(command);
        assertThat(harness.handle(new DeletePhoneNumberRegistration("org-1", "ops:delete", first.vapiPhoneNumberId())))
                .isEqualTo(new PhoneNumberRegistrationDeleted(first.vapiPhoneNumberId(), false));

        Reply again = harness.handle(command);

        assertThat(again).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.CREATED_RESOURCE_GONE);
            assertThat(f.retryable()).isFalse();
            assertThat(f.message()).contains(first.vapiPhoneNumberId());
        });
        assertThat(simulator.phoneNumbers()).isEmpty();
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
    }

    @Test
    void aFreeNumberMadeUnansweredIsReportedByTheNextDeliveryEvenWhenItsAssistantWasDeletedSince() {
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).applyThenFail(500));
        VapiHarness noRetries = new VapiHarness(VapiHarness.properties(simulator.baseUrl(),
                VapiSimulatorConfig.DEFAULT_API_KEY, Duration.ofSeconds(5), VapiHarness.resilience(1, 20, 10)));
        CreateFreePhoneNumber command = command(UUID.randomUUID() + ":create-free-vapi-number");
        assertThat(noRetries.handle(command)).isInstanceOfSatisfying(StepFailed.class,
                f -> assertThat(f.retryable()).isTrue());
        String made = simulator.phoneNumbers().get(0).id();
        assertThat(harness.handle(new DeleteAssistant("org-1", "saga:create-inbound-assistant:undo", assistantId)))
                .isInstanceOf(AssistantDeleted.class);

        Reply again = noRetries.handle(command);

        assertThat(again).isInstanceOfSatisfying(FreePhoneNumberCreated.class,
                created -> assertThat(created.vapiPhoneNumberId()).isEqualTo(made));
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
    }

    @Test
    void aCreateThatSucceededButAnsweredAServerErrorIsAdoptedNotRepeated() {
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).applyThenFail(500));

        Reply reply = harness.handle(command(UUID.randomUUID() + ":create-free-vapi-number"));

        assertThat(reply).isInstanceOf(FreePhoneNumberCreated.class);
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
        assertThat(simulator.stats().count(CREATE)).isEqualTo(1);
    }

    @Test
    void vapisFreeNumberLimitIsAFinalFailureWithItsOwnCode() {
        for (int i = 0; i < FREE_LIMIT; i++) {
            assertThat(harness.handle(command(UUID.randomUUID() + ":n" + i))).isInstanceOf(FreePhoneNumberCreated.class);
        }

        Reply reply = harness.handle(command(UUID.randomUUID() + ":one-too-many"));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.FREE_NUMBER_LIMIT);
            assertThat(f.retryable()).isFalse();
            assertThat(f.providerCode()).isEqualTo("400");
            assertThat(f.message()).contains("free");
        });
        assertThat(simulator.phoneNumbers()).hasSize(FREE_LIMIT);
    }

    @Test
    void aBadAreaCodeIsRefusedWithoutCallingVapiAndAnUnknownNumberIsFinal() {
        long before = simulator.stats().total();
        Reply badArea = harness.handle(new CreateFreePhoneNumber("org-1", "r-1", "41", assistantId, "x"));

        assertThat(badArea).isInstanceOfSatisfying(StepFailed.class, f -> assertThat(f.retryable()).isFalse());
        assertThat(simulator.stats().total()).isEqualTo(before);
        assertThat(check(UUID.randomUUID().toString())).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.INVALID_REQUEST);
            assertThat(f.retryable()).isFalse();
        });
    }
}
