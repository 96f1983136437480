package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.events.NumberSources;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.chaos.LocalStepFaults;
import io.switchboard.orchestrator.onboarding.NumberProperties;
import io.switchboard.orchestrator.onboarding.NumberProvider;
import io.switchboard.orchestrator.pool.PoolProperties;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.definition.StepContext;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.StepStatus;
import io.switchboard.saga.testkit.SagaScenario;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * inbound-ai-on v4 for a line meant for a free VAPI number: switched off (which deleted its free number), then on
 * again, it gets a free number again — never a Twilio one while VAPI has free numbers left.
 */
class InboundAiOnFreeNumberTest {
    private final RecordingLineSteps lines = new RecordingLineSteps();

    /** An inactive line: its assistants stayed, its free number went with "off". */
    private static LineData inactiveLine(String numberChoice, String credentialId) {
        return new LineData("acme", "Acme", "owner@acme.test", "US", "415", credentialId, null, null, null, false,
                null, "asst-in", "asst-out", false, numberChoice, null, null);
    }

    private SagaScenario<LineData> on(LineData line, NumberProperties numbers) {
        return SagaScenario.given(InboundAiOnSaga.definition(lines, numbers)).routedBy(Topics::commandTopicOf)
                .startedWith(line);
    }

    @Test
    void aRememberedFreeNumberChoiceGetsANewFreeNumberBoundToTheInboundAssistant() {
        SagaScenario<LineData> on = on(inactiveLine(NumberSources.VAPI_FREE, null), NumberProperties.defaults());

        CreateFreePhoneNumber create = on.command("create-free-vapi-number", CreateFreePhoneNumber.class);
        assertThat(create.assistantId()).isEqualTo("asst-in");
        on.reply("create-free-vapi-number", new FreePhoneNumberCreated("vapi-free-2", "activating"));
        on.command("await-vapi-number", CheckPhoneNumber.class);
        on.reply("await-vapi-number", new PhoneNumberActive("vapi-free-2", "+14155550177"));

        on.expectState(SagaState.COMPLETED)
                .expectStepStatus("take-pooled-number", Direction.ACTION, StepStatus.SKIPPED)
                .expectStepStatus("acquire-number", Direction.ACTION, StepStatus.SKIPPED)
                .expectStepStatus("register-number", Direction.ACTION, StepStatus.SKIPPED);
        assertThat(on.sentCommands()).extracting(c -> (Object) c.request().command().getClass())
                .doesNotContain(AcquireNumber.class, RegisterPhoneNumber.class);
        assertThat(lines.activated).singleElement().satisfies(line -> {
            assertThat(line.numberSource()).isEqualTo(LineData.VAPI_FREE);
            assertThat(line.vapiPhoneNumberId()).isEqualTo("vapi-free-2");
            assertThat(line.phoneNumber()).isEqualTo("+14155550177");
            assertThat(line.numberSid()).isNull();
        });
    }

    @Test
    void withoutAChoiceTheSettingDecidesAsForAnOnboarding() {
        SagaScenario<LineData> on = on(inactiveLine(null, null),
                NumberProperties.defaults().withProvider(NumberProvider.VAPI_FREE));

        on.command("create-free-vapi-number", CreateFreePhoneNumber.class);
    }

    @Test
    void aFreeNumberStillActivatingAtTheWaitLimitLeavesTheLineActivationPending() {
        SagaScenario<LineData> on = on(inactiveLine(NumberSources.VAPI_FREE, null), NumberProperties.defaults());
        on.reply("create-free-vapi-number", new FreePhoneNumberCreated("vapi-free-3", "activating"));
        for (int i = 0; i < 100 && on.instance().state() == SagaState.RUNNING; i++) {
            on.failureReply("await-vapi-number", StepFailed.NOT_READY, true);
            on.elapse(Duration.ofSeconds(15));
        }

        on.expectState(SagaState.COMPLETED);
        assertThat(lines.activated).singleElement().satisfies(line -> {
            assertThat(line.freeNumberPending()).isTrue();
            assertThat(line.vapiPhoneNumberId()).isEqualTo("vapi-free-3");
        });
    }

    @Test
    void atVapisFreeNumberLimitItTakesATwilioNumberWhenAnAccountCanTakeOver() {
        SagaScenario<LineData> on = on(inactiveLine(NumberSources.VAPI_FREE, null), NumberProperties.defaults());

        on.failureReply("create-free-vapi-number", StepFailed.FREE_NUMBER_LIMIT, false);
        on.reply("acquire-number", new NumberAcquired("+14155550101", "PN101", NumberAcquired.Source.PURCHASED));
        RegisterPhoneNumber register = on.command("register-number", RegisterPhoneNumber.class);
        assertThat(register.assistantId()).isEqualTo("asst-in");
        on.reply("register-number", new PhoneNumberRegistered("vapi-101", "+14155550101", "asst-in"));

        on.expectState(SagaState.COMPLETED).expectStepStatus("await-vapi-number", Direction.ACTION, StepStatus.SKIPPED);
        assertThat(lines.activated).singleElement().satisfies(line -> {
            assertThat(line.numberSid()).isEqualTo("PN101");
            assertThat(line.numberSource()).isEqualTo(LineData.PURCHASED);
        });
    }

    @Test
    void atTheLimitWithNoTwilioAccountToTakeOverTheSagaIsUndoneAndNothingIsBought() {
        SagaScenario<LineData> on = on(inactiveLine(NumberSources.VAPI_FREE, null),
                NumberProperties.defaults().withFreeNumberLimitFallback(false));

        on.failureReply("create-free-vapi-number", StepFailed.FREE_NUMBER_LIMIT, false);

        on.expectState(SagaState.COMPENSATED);
        assertThat(on.sentCommands()).extracting(c -> (Object) c.request().command().getClass()).doesNotContain(AcquireNumber.class);
        assertThat(lines.activated).isEmpty();
    }

    @Test
    void undoingDeletesOnlyTheFreeNumberThisSagaCreated() {
        SagaScenario<LineData> on = on(inactiveLine(NumberSources.VAPI_FREE, null), NumberProperties.defaults());
        on.reply("create-free-vapi-number", new FreePhoneNumberCreated("vapi-free-4", "activating"));

        on.failureReply("await-vapi-number", StepFailed.INVALID_REQUEST, false);

        assertThat(on.compensationCommand("create-free-vapi-number", DeletePhoneNumberRegistration.class)
                .vapiPhoneNumberId()).isEqualTo("vapi-free-4");
        on.compensationReply("create-free-vapi-number", new PhoneNumberRegistrationDeleted("vapi-free-4", false));
        on.expectState(SagaState.COMPENSATED);
        assertThat(on.data().vapiPhoneNumberId()).isNull();
        assertThat(on.sentCommands()).extracting(c -> (Object) c.request().command().getClass())
                .as("the assistants were there before: not deleted").doesNotContain(DeleteAssistant.class);
    }

    /** The local steps without a database: the pool has nothing, the activations are recorded. */
    private static final class RecordingLineSteps extends LineSteps {
        final List<LineData> activated = new ArrayList<>();

        RecordingLineSteps() {
            super(null, null, new PoolProperties(PoolProperties.ReleasePolicy.RELEASE, Duration.ofDays(30),
                    Duration.ofHours(1), 100, 5, 80, 100), new LocalStepFaults(Set.of()), Clock.systemUTC());
        }

        @Override
        public LineData takePooledNumber(LineData data, StepContext step) {
            return data;
        }

        @Override
        public LineData activateConfig(LineData data, StepContext step) {
            activated.add(data);
            return data;
        }
    }
}
