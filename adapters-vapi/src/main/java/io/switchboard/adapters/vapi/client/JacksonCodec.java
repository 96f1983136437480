package io.switchboard.adapters.vapi.client;

import feign.FeignException;
import feign.RequestTemplate;
import feign.Response;
import feign.Util;
import feign.codec.DecodeException;
import feign.codec.Decoder;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Feign encoder and decoder on Jackson 3 ({@code tools.jackson}), the Jackson the rest of Switchboard uses;
 * feign-jackson is built on Jackson 2. Responses are read leniently: VAPI adds fields all the time.
 */
public final class JacksonCodec implements Encoder, Decoder {
    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @Override
    public void encode(Object object, Type bodyType, RequestTemplate template) throws EncodeException {
        try {
            template.body(mapper.writeValueAsBytes(object), StandardCharsets.UTF_8);
        } catch (JacksonException e) {
            throw new EncodeException("Cannot encode " + bodyType.getTypeName() + " for VAPI", e);
        }
    }

    @Override
    public Object decode(Response response, Type type) throws IOException, FeignException {
        if (type == void.class || type == Void.class || response.body() == null) {
            return null;
        }
        try (InputStream body = response.body().asInputStream()) {
            byte[] bytes = body.readAllBytes();
            if (bytes.length == 0) {
                return Util.emptyValueOf(type);
            }
            return mapper.readValue(bytes, mapper.constructType(type));
        } catch (JacksonException e) {
            throw new DecodeException(response.status(), "VAPI answered with an unreadable body for "
                    + type.getTypeName() + ": " + e.getOriginalMessage(), response.request(), e);
        }
    }
}
