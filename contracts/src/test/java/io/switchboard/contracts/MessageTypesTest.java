package io.switchboard.contracts;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.sagaevents.SagaEvent;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.contracts.wire.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTypesTest {
    @Test
    void everyTypeNamesItsVersionAndMapsBackToItsRecord() {
        MessageTypes.all().forEach((type, messageClass) -> {
            assertThat(type).startsWith("io.switchboard.").endsWith(".v1");
            if (messageClass != SagaEvent.class) {
                assertThat(MessageTypes.typeOf(messageClass)).isEqualTo(type);
            }
        });
        assertThat(MessageTypes.classOf(AcquireNumber.TYPE)).contains(AcquireNumber.class);
        assertThat(MessageTypes.classOf(SagaEvent.Kind.SagaFailed.ceType())).contains(SagaEvent.class);
        assertThat(MessageTypes.classOf("io.example.Unknown.v1")).isEmpty();
        assertThat(MessageTypes.classOf(null)).isEmpty();
    }

    @Test
    void aClassThatIsNoMessageHasNoType() {
        assertThatThrownBy(() -> MessageTypes.typeOf(String.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MessageTypes.typeOf(StepFailed.class)).isEqualTo(StepFailed.TYPE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCommandHasTheTopicOfTheWorkerThatConsumesIt() {
        MessageTypes.all().values().stream().filter(io.switchboard.contracts.commands.Command.class::isAssignableFrom)
                .forEach(type -> assertThat(Topics.commandTopicOf((Class<? extends io.switchboard.contracts.commands.Command>) type))
                        .as(type.getSimpleName()).isIn(Topics.TWILIO_COMMANDS, Topics.VAPI_COMMANDS, Topics.NOTIFIER_COMMANDS));
        assertThat(Topics.commandTopicOf(AcquireNumber.class)).isEqualTo(Topics.TWILIO_COMMANDS);
    }

    @Test
    void everyConsumedTopicHasADeadLetterTwinAndEveryNameIsVersioned() {
        assertThat(Topics.all()).allMatch(t -> t.startsWith("switchboard.") && t.contains(".v1"));
        Topics.consumed().forEach(t -> assertThat(Topics.all()).contains(Topics.deadLetterOf(t)));
    }
}
