package io.switchboard.adapters.vapi;

import io.switchboard.adapters.vapi.assistants.VapiAssistants;
import io.switchboard.adapters.vapi.config.VapiProperties;
import io.switchboard.adapters.vapi.config.VapiWorkerConfiguration;
import io.switchboard.adapters.vapi.handlers.CheckPhoneNumberHandler;
import io.switchboard.adapters.vapi.handlers.CreateAssistantHandler;
import io.switchboard.adapters.vapi.handlers.CreateFreePhoneNumberHandler;
import io.switchboard.adapters.vapi.phonenumbers.FreeVapiNumbers;
import io.switchboard.messaging.resilience.ProviderGuard;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandContext;
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
    private static final CommandContext CONTEXT = new CommandContext("saga-1", "create-free-vapi-number", 1, "cmd-1");
    private static VapiSimulator simulator;

    private CreateFreePhoneNumberHandler create;
    private CheckPhoneNumberHandler check;
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
        VapiProperties properties = VapiHarness.properties(simulator.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY);
        VapiWorkerConfiguration config = new VapiWorkerConfiguration();
        ProviderGuard guard = config.vapiGuard(properties);
        var api = config.vapiApi(properties);
        FreeVapiNumbers numbers = config.freeVapiNumbers(api, guard, properties);
        VapiAssistants assistants = config.vapiAssistants(api, guard, properties);
        create = new CreateFreePhoneNumberHandler(numbers);
        check = new CheckPhoneNumberHandler(numbers);
        assistantId = ((AssistantCreated) new CreateAssistantHandler(assistants).handle(new CreateAssistant("org-1",
                UUID.randomUUID() + ":a", "Acme", AssistantRole.INBOUND, "Acme inbound"), CONTEXT)).assistantId();
    }

    private CreateFreePhoneNumber command(String requestId) {
        return new CreateFreePhoneNumber("org-1", requestId, "415", assistantId, "Acme Plumbing and Heating of Springfield");
    }

    private Reply check(String vapiPhoneNumberId) {
        return check.handle(new CheckPhoneNumber("org-1", "saga-1:await-vapi-number", vapiPhoneNumberId), CONTEXT);
    }

    @Test
    void aNewFreeNumberIsNotReadyUntilVapiShowsItsDigits() {
        Reply created = create.handle(command(UUID.randomUUID() + ":create-free-vapi-number"), CONTEXT);

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

        Reply first = create.handle(command, CONTEXT);
        Reply second = create.handle(command, CONTEXT);

        assertThat(second).isEqualTo(first);
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
        assertThat(simulator.phoneNumbers()).hasSize(1);
    }

    @Test
    void aCreateThatSucceededButAnsweredAServerErrorIsAdoptedNotRepeated() {
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).applyThenFail(500));

        Reply reply = create.handle(command(UUID.randomUUID() + ":create-free-vapi-number"), CONTEXT);

        assertThat(reply).isInstanceOf(FreePhoneNumberCreated.class);
        assertThat(simulator.phoneNumberCreateCount()).isEqualTo(1);
        assertThat(simulator.stats().count(CREATE)).isEqualTo(1);
    }

    @Test
    void vapisFreeNumberLimitIsAFinalFailureWithItsOwnCode() {
        for (int i = 0; i < FREE_LIMIT; i++) {
            assertThat(create.handle(command(UUID.randomUUID() + ":n" + i), CONTEXT)).isInstanceOf(FreePhoneNumberCreated.class);
        }

        Reply reply = create.handle(command(UUID.randomUUID() + ":one-too-many"), CONTEXT);

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
        Reply badArea = create.handle(new CreateFreePhoneNumber("org-1", "r-1", "41", assistantId, "x"), CONTEXT);

        assertThat(badArea).isInstanceOfSatisfying(StepFailed.class, f -> assertThat(f.retryable()).isFalse());
        assertThat(simulator.stats().total()).isEqualTo(before);
        assertThat(check(UUID.randomUUID().toString())).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.INVALID_REQUEST);
            assertThat(f.retryable()).isFalse();
        });
    }
}
