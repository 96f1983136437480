package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.chaos.LocalStepFaults;
import io.switchboard.orchestrator.pool.PoolProperties;
import io.switchboard.saga.definition.StepContext;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.testkit.SagaScenario;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ops stop a cleanup while both assistant deletions are out; the deletions happen anyway. Each late success is
 * recorded in the saga's data (the assistant is gone), and every time the saga ends again its end listeners hear it —
 * {@link UnfinishedTeardown} then makes the config say the same (found by the chaos run: the second late success
 * reopened and re-ended the saga in one step, unheard, and the config kept naming a deleted assistant).
 */
class CleanupStoppedByOpsTest {

    @Test
    void lateDeletionsAfterAnOpsStopAreRecordedAndEachEndIsHeard() {
        SagaScenario<LineData> cleanup = SagaScenario.given(CleanupSaga.definition(new InMemoryLineSteps()))
                .routedBy(Topics::commandTopicOf)
                .startedWith(new LineData("acme", "Acme", "owner@acme.test", "US", "510", null, "+15105550100", "PN1",
                        LineData.PURCHASED, false, "vapi-1", "asst-in", "asst-out", false, null, null, null))
                .reply("delete-vapi-registration", new PhoneNumberRegistrationDeleted("vapi-1", false))
                .reply("release-number", new NumberReleased("PN1", false));

        cleanup.opsCompensate("ops stop").expectState(SagaState.COMPENSATED);
        assertThat(cleanup.endedCount()).isEqualTo(1);

        cleanup.reply("delete-inbound-assistant", new AssistantDeleted("asst-in", false));
        assertThat(cleanup.data().inboundAssistantId()).isNull();
        cleanup.reply("delete-outbound-assistant", new AssistantDeleted("asst-out", false));
        assertThat(cleanup.data().outboundAssistantId()).isNull();

        cleanup.expectState(SagaState.COMPENSATED);
        assertThat(cleanup.endedCount()).as("ended, and ended again after each late success").isEqualTo(3);
        assertThat(cleanup.data().numberSid()).isNull();
        assertThat(cleanup.data().vapiPhoneNumberId()).isNull();
    }

    /** The local steps without a database: nothing to mark, delete or pool here. */
    private static final class InMemoryLineSteps extends LineSteps {
        InMemoryLineSteps() {
            super(null, null, new PoolProperties(PoolProperties.ReleasePolicy.RELEASE, Duration.ofDays(30),
                    Duration.ofHours(1), 100, 5, 80, 100), new LocalStepFaults(Set.of()), Clock.systemUTC());
        }

        @Override
        public LineData markDeactivating(LineData data, StepContext step) {
            return data;
        }

        @Override
        public LineData deleteConfig(LineData data, StepContext step) {
            return data;
        }
    }
}
