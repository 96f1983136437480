package io.switchboard.messaging;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.replies.AssistantCreated;
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

    @Test
    void aNumberCommandFromBeforeOwnerFieldsStillDecodesForItsOrganization() {
        AcquireNumber old = codec.decode(("{\"orgId\":\"o\",\"requestId\":\"s:acquire-number\",\"country\":\"US\","
                + "\"areaCode\":\"415\",\"allowTrialFallback\":true,\"twilioCredentialId\":null}").getBytes(), AcquireNumber.class);

        assertThat(old.owner()).isNull();
        assertThat(old.ownerOrOrganization()).isEqualTo(NumberOwner.organization("o"));
        AssignNumber assign = new AssignNumber("o", "s:take", "PN1", "+14155550100", NumberOwner.pool(),
                NumberOwner.organization("o"), null);
        assertThat(codec.decode(codec.encode(assign), AssignNumber.class)).isEqualTo(assign);
    }

    @Test
    void anOwnerThatContradictsItselfIsRejected() {
        assertThatThrownBy(() -> codec.decode("{\"kind\":\"POOL\",\"orgId\":\"o\"}".getBytes(), NumberOwner.class))
                .isInstanceOf(MessageDecodingException.class);
        assertThatThrownBy(() -> codec.decode("{\"kind\":\"ORGANIZATION\",\"orgId\":null}".getBytes(), NumberOwner.class))
                .isInstanceOf(MessageDecodingException.class);
    }

    @Test
    void assistantTemplateMembersAreLeftOutWhenAbsentSoOldCommandsAndRepliesKeepTheirShape() {
        String old = "{\"orgId\":\"o\",\"requestId\":\"r\",\"orgName\":\"Acme\",\"role\":\"INBOUND\",\"name\":\"Acme inbound\"}";
        CreateAssistant withoutTemplate = new CreateAssistant("o", "r", "Acme", AssistantRole.INBOUND, "Acme inbound");
        assertThat(codec.encodeToString(withoutTemplate)).isEqualTo(old);
        assertThat(codec.decode(old.getBytes(StandardCharsets.UTF_8), CreateAssistant.class)).isEqualTo(withoutTemplate);
        assertThat(codec.encodeToString(new AssistantCreated("a1", "Acme inbound")))
                .isEqualTo("{\"assistantId\":\"a1\",\"name\":\"Acme inbound\"}");

        CreateAssistant withTemplate = new CreateAssistant("o", "r", "Acme", AssistantRole.INBOUND, "Acme inbound",
                new AssistantConfig("default", 2, "prompt", "hello", "openai", "gpt-4o", "vapi", "Elliot"));
        assertThat(codec.decode(codec.encode(withTemplate), CreateAssistant.class)).isEqualTo(withTemplate);
        AssistantCreated created = new AssistantCreated("a1", "Acme inbound", "default", 2);
        assertThat(codec.decode(codec.encode(created), AssistantCreated.class)).isEqualTo(created);
    }
}
