package io.switchboard.messaging;

import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.codec.MessageDecodingException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {
    private final JsonCodec codec = new JsonCodec();

    @Test
    void recordsRoundTrip() {
        byte[] json = codec.encode(new InboundAiChanged("org-42", true));
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"orgId\":\"org-42\",\"inboundAi\":true}");
        assertThat(codec.decode(json, InboundAiChanged.class)).isEqualTo(new InboundAiChanged("org-42", true));
    }

    @Test
    void messagesWithUnknownFieldsMissingPrimitivesOrNoBodyAreRejectedWithAReason() {
        assertThatThrownBy(() -> codec.decode("{\"orgId\":\"o\",\"inboundAi\":true,\"x\":1}".getBytes(), InboundAiChanged.class))
                .isInstanceOf(MessageDecodingException.class).hasMessageContaining("InboundAiChanged");
        assertThatThrownBy(() -> codec.decode("{\"orgId\":\"o\"}".getBytes(), InboundAiChanged.class))
                .isInstanceOf(MessageDecodingException.class);
        assertThatThrownBy(() -> codec.decode(new byte[0], InboundAiChanged.class))
                .isInstanceOf(MessageDecodingException.class).hasMessage("empty message body");
    }

    @Test
    void storedStateToleratesFieldsALaterVersionRemoved() {
        assertThat(codec.decodeLenient("{\"orgId\":\"o\",\"inboundAi\":false,\"removed\":1}", InboundAiChanged.class))
                .isEqualTo(new InboundAiChanged("o", false));
    }
}
