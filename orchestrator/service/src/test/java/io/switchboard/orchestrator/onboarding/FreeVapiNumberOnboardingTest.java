package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.commands.SendFailureEmail;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.StepStatus;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.saga.testkit.SagaScenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Onboarding with {@code switchboard.numbers.provider=VAPI_FREE}, in memory with the saga test kit: the number's
 * digits are polled for on durable retry timers every 15 s, for up to 10 minutes, then the line is saved "activation
 * pending" (version 4: the saga is undone); at VAPI's free-number limit the line takes a Twilio number instead.
 */
class FreeVapiNumberOnboardingTest {
    private static final OrganizationApproved ACME = new OrganizationApproved("org-acme", "Acme", "owner@acme.test",
            "verified", "US", "510", null);
    private static final Duration POLL = Duration.ofSeconds(15);
    private static final NumberProperties FREE = NumberProperties.defaults().withProvider(NumberProvider.VAPI_FREE);

    private final List<OnboardingData> savedConfigs = new ArrayList<>();
    private final List<String> poolTakes = new ArrayList<>();

    private SagaDefinition<OnboardingData> definition(NumberProperties numbers) {
        return OnboardingSaga.definition(
                (data, step) -> {
                    poolTakes.add(data.orgId());
                    return data;
                },
                (data, step) -> data,
                (data, step) -> {
                    savedConfigs.add(data);
                    return data.withSetupDate("2026-01-01T00:00:00Z");
                },
                numbers);
    }

    /** Version 4, which undoes a line whose free number is late or refused: its instances keep that. */
    private SagaDefinition<OnboardingData> version4(NumberProperties numbers) {
        return OnboardingSaga.version4(
                (data, step) -> {
                    poolTakes.add(data.orgId());
                    return data;
                },
                (data, step) -> data,
                (data, step) -> {
                    savedConfigs.add(data);
                    return data.withSetupDate("2026-01-01T00:00:00Z");
                },
                numbers);
    }

    private SagaScenario<OnboardingData> started(NumberProperties numbers) {
        return started(definition(numbers));
    }

    private SagaScenario<OnboardingData> started(SagaDefinition<OnboardingData> definition) {
        return SagaScenario.given(definition).routedBy(Topics::commandTopicOf).startedWith(OnboardingData.from(ACME));
    }

    /** Both assistants created and the free number ordered: the saga now polls for its digits. */
    private SagaScenario<OnboardingData> waitingForDigits(NumberProperties numbers) {
        return waitingForDigits(definition(numbers));
    }

    private SagaScenario<OnboardingData> waitingForDigits(SagaDefinition<OnboardingData> definition) {
        return started(definition)
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"))
                .reply("create-free-vapi-number", new FreePhoneNumberCreated("vapi-free-1", "activating"))
                .expectCommandsInFlight(CheckPhoneNumber.class);
    }

    private static long checksSent(SagaScenario<OnboardingData> saga) {
        return saga.sentCommands().stream().filter(c -> c.request().command() instanceof CheckPhoneNumber).count();
    }

    @Test
    void noPoolAndNoTwilioOnlyTheAssistantsThenAFreeNumberOnTheInboundAssistant() {
        SagaScenario<OnboardingData> saga = started(FREE)
                .expectCommandsInFlight(CreateAssistant.class, CreateAssistant.class)
                .expectStepStatus("take-pooled-number", Direction.ACTION, StepStatus.SKIPPED)
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.SKIPPED);
        assertThat(poolTakes).isEmpty();
        assertThat(saga.data().numberProvider()).isEqualTo(NumberProvider.VAPI_FREE);

        saga.reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"))
                .expectStepStatus("register-number", Direction.ACTION, StepStatus.SKIPPED)
                .expectCommandsInFlight(CreateFreePhoneNumber.class);
        CreateFreePhoneNumber create = saga.command("create-free-vapi-number", CreateFreePhoneNumber.class);
        assertThat(create.assistantId()).isEqualTo("asst-in");
        assertThat(create.areaCode()).isEqualTo("510");
        assertThat(create.name()).isEqualTo("Acme");
    }

    @Test
    void notReadyIsAskedAgainEvery15SecondsAndTheDigitsEndUpInTheConfig() {
        SagaScenario<OnboardingData> saga = waitingForDigits(FREE);
        String requestId = saga.command("await-vapi-number", CheckPhoneNumber.class).requestId();

        for (int look = 1; look <= 3; look++) {
            saga.failureReply("await-vapi-number", StepFailed.NOT_READY, true)
                    .expectStepStatus("await-vapi-number", Direction.ACTION, StepStatus.WAITING_RETRY)
                    .elapse(POLL.minusSeconds(1))
                    .expectStepStatus("await-vapi-number", Direction.ACTION, StepStatus.WAITING_RETRY)
                    .elapse(Duration.ofSeconds(1))
                    .expectCommandsInFlight(CheckPhoneNumber.class);
            assertThat(saga.attempts("await-vapi-number", Direction.ACTION)).isEqualTo(look + 1);
        }
        CheckPhoneNumber check = saga.command("await-vapi-number", CheckPhoneNumber.class);
        assertThat(check.vapiPhoneNumberId()).isEqualTo("vapi-free-1");
        assertThat(check.requestId()).as("same request id on every look").isEqualTo(requestId);
        assertThat(checksSent(saga)).isEqualTo(4);

        saga.reply("await-vapi-number", new PhoneNumberActive("vapi-free-1", "+15105550199"));

        assertThat(savedConfigs).singleElement().satisfies(saved -> {
            assertThat(saved.phoneNumber()).isEqualTo("+15105550199");
            assertThat(saved.vapiPhoneNumberId()).isEqualTo("vapi-free-1");
            assertThat(saved.numberSource()).isEqualTo(OnboardingData.VAPI_FREE);
            assertThat(saved.numberSid()).isNull();
            assertThat(saved.inboundAssistantId()).isEqualTo("asst-in");
        });
        assertThat(saga.expectCommandsInFlight(SendApprovalEmail.class)
                .command("send-approval-email", SendApprovalEmail.class).phoneNumber()).isEqualTo("+15105550199");
        saga.reply("send-approval-email", new EmailSent("approval", "owner@acme.test", false))
                .expectState(SagaState.COMPLETED);
        assertThat(saga.compensationOrder()).isEmpty();
    }

    @Test
    void aLostAnswerCountsAsNotReadyAndIsAskedAgain() {
        SagaScenario<OnboardingData> saga = waitingForDigits(FREE)
                .elapse(NumberProperties.CHECK_TIMEOUT)
                .expectStepStatus("await-vapi-number", Direction.ACTION, StepStatus.WAITING_RETRY)
                .elapse(POLL)
                .expectCommandsInFlight(CheckPhoneNumber.class);

        assertThat(saga.attempts("await-vapi-number", Direction.ACTION)).isEqualTo(2);
    }

    @Test
    void aNumberStillActivatingAtTheWaitLimitKeepsItsPlaceAndTheLineIsSavedActivationPending() {
        SagaScenario<OnboardingData> saga = waitingForDigits(FREE);
        while (saga.instance().state() == SagaState.RUNNING) {
            saga.failureReply("await-vapi-number", StepFailed.NOT_READY, true).elapse(POLL);
        }

        assertThat(checksSent(saga)).as("one look now, then one per 15 s for 10 minutes").isEqualTo(41);
        saga.expectState(SagaState.COMPLETED)
                .expectStepStatus("await-vapi-number", Direction.ACTION, StepStatus.FAILED)
                .expectStepStatus("send-approval-email", Direction.ACTION, StepStatus.SKIPPED);
        assertThat(saga.compensationOrder()).as("nothing undone: both assistants and the number stay").isEmpty();
        assertThat(savedConfigs).singleElement().satisfies(saved -> {
            assertThat(saved.activationPending()).isTrue();
            assertThat(saved.vapiPhoneNumberId()).isEqualTo("vapi-free-1");
            assertThat(saved.phoneNumber()).isNull();
            assertThat(saved.inboundAssistantId()).isEqualTo("asst-in");
        });
    }

    @Test
    void aBlockedNumberStillUndoesTheOnboarding() {
        waitingForDigits(FREE)
                .failureReply("await-vapi-number", StepFailed.NUMBER_BLOCKED, false)
                .expectState(SagaState.COMPENSATING)
                .expectCommandsInFlight(DeletePhoneNumberRegistration.class);
        assertThat(savedConfigs).isEmpty();
    }

    @Test
    void version4StillUndoesANumberStillActivatingAtTheWaitLimit() {
        SagaScenario<OnboardingData> saga = waitingForDigits(version4(FREE));
        while (saga.instance().state() == SagaState.RUNNING) {
            saga.failureReply("await-vapi-number", StepFailed.NOT_READY, true).elapse(POLL);
        }

        assertThat(checksSent(saga)).as("one look now, then one per 15 s for 10 minutes").isEqualTo(41);
        saga.expectState(SagaState.COMPENSATING)
                .expectStepStatus("await-vapi-number", Direction.ACTION, StepStatus.FAILED)
                .expectCommandsInFlight(DeletePhoneNumberRegistration.class);
        assertThat(saga.compensationCommand("create-free-vapi-number", DeletePhoneNumberRegistration.class)
                .vapiPhoneNumberId()).isEqualTo("vapi-free-1");

        saga.compensationReply("create-free-vapi-number", new PhoneNumberRegistrationDeleted("vapi-free-1", false))
                .expectCommandsInFlight(DeleteAssistant.class)
                .compensationReply("create-outbound-assistant", new AssistantDeleted("asst-out", false))
                .compensationReply("create-inbound-assistant", new AssistantDeleted("asst-in", false))
                .expectCommandsInFlight(SendFailureEmail.class);
        assertThat(saga.compensationCommand("notify-owner-on-failure", SendFailureEmail.class).failedStep())
                .isEqualTo("await-vapi-number");
        saga.compensationReply("notify-owner-on-failure", new EmailSent("failure", "owner@acme.test", false))
                .expectState(SagaState.COMPENSATED);
        assertThat(savedConfigs).isEmpty();
        assertThat(saga.data().vapiPhoneNumberId()).isNull();
    }

    @Test
    void theWaitLimitAndPollIntervalAreSettings() {
        NumberProperties quick = new NumberProperties(NumberProvider.VAPI_FREE, Duration.ofSeconds(5), Duration.ofSeconds(20), "US",
                true, Duration.ofMinutes(5), 5);
        SagaScenario<OnboardingData> saga = waitingForDigits(quick);
        while (saga.instance().state() == SagaState.RUNNING) {
            saga.failureReply("await-vapi-number", StepFailed.NOT_READY, true).elapse(Duration.ofSeconds(5));
        }

        assertThat(checksSent(saga)).isEqualTo(5);
        saga.expectState(SagaState.COMPLETED);
        assertThat(savedConfigs).singleElement().satisfies(saved -> assertThat(saved.activationPending()).isTrue());
    }

    @Test
    void atVapisFreeNumberLimitTheLineTakesATwilioNumberInstead() {
        SagaScenario<OnboardingData> saga = started(FREE)
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"))
                .failureReply("create-free-vapi-number", StepFailed.FREE_NUMBER_LIMIT, false)
                .expectStepStatus("create-free-vapi-number", Direction.ACTION, StepStatus.FAILED)
                .expectStepStatus("fall-back-to-twilio", Direction.ACTION, StepStatus.SUCCEEDED)
                .expectCommandsInFlight(AcquireNumber.class);
        AcquireNumber acquire = saga.command("fallback-acquire-number", AcquireNumber.class);
        assertThat(acquire.areaCode()).isEqualTo("510");

        saga.reply("fallback-acquire-number", new NumberAcquired("+15105550177", "PN-fallback",
                        NumberAcquired.Source.PURCHASED))
                .expectCommandsInFlight(RegisterPhoneNumber.class);
        assertThat(saga.command("fallback-register-number", RegisterPhoneNumber.class).assistantId()).isEqualTo("asst-in");
        saga.reply("fallback-register-number", new PhoneNumberRegistered("vapi-reg-1", "+15105550177", "asst-in"))
                .expectStepStatus("await-vapi-number", Direction.ACTION, StepStatus.SKIPPED)
                .expectCommandsInFlight(SendApprovalEmail.class)
                .reply("send-approval-email", new EmailSent("approval", "owner@acme.test", false))
                .expectState(SagaState.COMPLETED);
        assertThat(saga.compensationOrder()).isEmpty();
        assertThat(savedConfigs).singleElement().satisfies(saved -> {
            assertThat(saved.numberSid()).isEqualTo("PN-fallback");
            assertThat(saved.numberSource()).isEqualTo("PURCHASED");
            assertThat(saved.vapiPhoneNumberId()).isEqualTo("vapi-reg-1");
            assertThat(saved.fellBackToTwilio()).isTrue();
        });
    }

    @Test
    void aFailedFallbackUndoesTheLineAndReleasesNothingItDidNotBuy() {
        started(FREE)
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"))
                .failureReply("create-free-vapi-number", StepFailed.FREE_NUMBER_LIMIT, false)
                .failureReply("fallback-acquire-number", StepFailed.NO_NUMBERS_AVAILABLE, false)
                .expectState(SagaState.COMPENSATING)
                .expectCommandsInFlight(DeleteAssistant.class)
                .compensationReply("create-outbound-assistant", new AssistantDeleted("asst-out", false))
                .compensationReply("create-inbound-assistant", new AssistantDeleted("asst-in", false))
                .expectCommandsInFlight(SendFailureEmail.class);
        assertThat(savedConfigs).isEmpty();
    }

    @Test
    void withoutATwilioAccountVapisFreeNumberLimitUndoesTheAssistantsAndDeletesNoNumber() {
        SagaScenario<OnboardingData> saga = started(FREE.withFreeNumberLimitFallback(false))
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"))
                .failureReply("create-free-vapi-number", StepFailed.FREE_NUMBER_LIMIT, false)
                .expectCommandsInFlight(DeleteAssistant.class)
                .expectNoStep("await-vapi-number", Direction.ACTION);

        assertThat(saga.compensationOrder()).doesNotContain("create-free-vapi-number");
    }

    @Test
    void theProviderChosenAtTheStartIsKeptWhateverTheSetting() {
        OnboardingData chosen = OnboardingData.from(ACME).withNumberProvider(NumberProvider.VAPI_FREE);

        SagaScenario<OnboardingData> saga = SagaScenario.given(definition(NumberProperties.defaults())).routedBy(Topics::commandTopicOf).startedWith(chosen)
                .expectCommandsInFlight(CreateAssistant.class, CreateAssistant.class);
        assertThat(saga.data().numberProvider()).isEqualTo(NumberProvider.VAPI_FREE);

        SagaScenario<OnboardingData> twilio = started(NumberProperties.defaults())
                .expectCommandsInFlight(AcquireNumber.class, CreateAssistant.class, CreateAssistant.class);
        assertThat(twilio.data().numberProvider()).isEqualTo(NumberProvider.TWILIO);
    }
}
