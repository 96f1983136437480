package io.switchboard.messaging.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.events.InboundAiChanged;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.AssistantCreated;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for message bodies. Unknown fields are rejected: a producer that sends fields we do not know is speaking a
 * contract version we do not understand, and the message belongs on the dead-letter topic, not half-read.
 */
public final class JsonCodec {
    private final JsonMapper strict;
    private final JsonMapper lenient;

    /**
     * Organization events leave out the optional members added to v1 when they are absent: an event in the shape the
     * first v1 defined is then byte for byte what it was, so a reader that predates those members (an older
     * orchestrator during a rolling deploy, an upstream's own strict parser) still accepts it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface AbsentMembersLeftOut {
    }

    /**
     * The assistant-template members added to {@code CreateAssistant} and {@code AssistantCreated} are left out when
     * absent, so a command or reply without them is the JSON it was before templates existed.
     */
    private interface AbsentAssistantLeftOut {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        AssistantConfig assistant();
    }

    private interface AbsentTemplateLeftOut {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String templateName();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer templateVersion();
    }

    public JsonCodec() {
        this.strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addMixIn(OrganizationApproved.class, AbsentMembersLeftOut.class)
                .addMixIn(InboundAiChanged.class, AbsentMembersLeftOut.class)
                .addMixIn(CreateAssistant.class, AbsentAssistantLeftOut.class)
                .addMixIn(AssistantCreated.class, AbsentTemplateLeftOut.class)
                .build();
        this.lenient = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public byte[] encode(Object message) {
        try {
            return strict.writeValueAsBytes(message);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public String encodeToString(Object message) {
        return new String(encode(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    public <T> T decode(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new MessageDecodingException("empty message body");
        }
        try {
            return strict.readValue(json, type);
        } catch (JacksonException e) {
            throw new MessageDecodingException("body is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /** For our own stored state, where a field removed in a later version must not break old rows. */
    public <T> T decodeLenient(String json, Class<T> type) {
        try {
            return lenient.readValue(json, type);
        } catch (JacksonException e) {
            throw new MessageDecodingException("stored JSON is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    public JsonMapper mapper() {
        return strict;
    }
}
