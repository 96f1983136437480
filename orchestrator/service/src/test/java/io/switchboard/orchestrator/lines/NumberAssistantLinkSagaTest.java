package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.commands.BindPhoneNumber;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.definition.LocalAction;
import io.switchboard.saga.definition.StepFailure;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.StepStatus;
import io.switchboard.saga.testkit.SagaScenario;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class NumberAssistantLinkSagaTest {
    private static final NumberAssistantLinkData LINK = new NumberAssistantLinkData("acme", "PN1", "+15105550100",
            "vapi-1", "asst-in", "asst-out");

    @Test
    void theNumberIsBoundAtVapiThenTheLineRemembersIt() {
        AtomicReference<NumberAssistantLinkData> saved = new AtomicReference<>();
        SagaScenario<NumberAssistantLinkData> link = SagaScenario.given(NumberAssistantLinkSaga.definition(
                        (data, step) -> {
                            saved.set(data);
                            return data;
                        }))
                .routedBy(Topics::commandTopicOf)
                .startedWith(LINK);

        BindPhoneNumber bind = link.command("bind-number", BindPhoneNumber.class);
        assertThat(bind.vapiPhoneNumberId()).isEqualTo("vapi-1");
        assertThat(bind.assistantId()).isEqualTo("asst-out");

        link.reply("bind-number", new PhoneNumberRegistered("vapi-1", "+15105550100", "asst-out"))
                .expectState(SagaState.COMPLETED);
        assertThat(saved.get().assistantId()).isEqualTo("asst-out");
    }

    @Test
    void anotherOrganizationsAssistantIsRefusedAndNothingIsUndoneOrSaved() {
        AtomicReference<NumberAssistantLinkData> saved = new AtomicReference<>();
        SagaScenario<NumberAssistantLinkData> link = SagaScenario.given(NumberAssistantLinkSaga.definition(
                        (data, step) -> {
                            saved.set(data);
                            return data;
                        }))
                .routedBy(Topics::commandTopicOf)
                .startedWith(LINK)
                .failureReply("bind-number", StepFailed.OWNED_BY_ANOTHER_ORGANIZATION, false);

        link.expectState(SagaState.COMPENSATED);
        assertThat(link.sentCommands()).hasSize(1);
        assertThat(saved.get()).isNull();
    }

    @Test
    void aLineThatCannotRememberTheLinkGetsItsNumberBoundBackToTheAssistantItHad() {
        LocalAction<NumberAssistantLinkData> lineGone = (data, step) -> {
            throw new StepFailure("NO_CONFIG", "the organization's line no longer has number PN1", false);
        };
        SagaScenario<NumberAssistantLinkData> link = SagaScenario.given(NumberAssistantLinkSaga.definition(lineGone))
                .routedBy(Topics::commandTopicOf)
                .startedWith(LINK)
                .reply("bind-number", new PhoneNumberRegistered("vapi-1", "+15105550100", "asst-out"));

        BindPhoneNumber back = link.compensationCommand("bind-number", BindPhoneNumber.class);
        assertThat(back.assistantId()).isEqualTo("asst-in");
        assertThat(back.vapiPhoneNumberId()).isEqualTo("vapi-1");
        link.compensationReply("bind-number", new PhoneNumberRegistered("vapi-1", "+15105550100", "asst-in"))
                .expectState(SagaState.COMPENSATED)
                .expectStepStatus("bind-number", Direction.COMPENSATION, StepStatus.SUCCEEDED);
    }
}
