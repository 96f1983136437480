package io.switchboard.orchestrator.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read as written: a member the request does not have ({@code "cuont": 5}) or a value of the
 * wrong JSON type ({@code "count": "5"}, {@code "country": 44}, {@code "count": 1.5}) is an {@code invalid-request}
 * problem naming the field, instead of being dropped or coerced into something the caller did not send (Spring
 * Boot's mapper is lenient by default). Only the API reads JSON through this mapper; Kafka messages have their own
 * codec.
 */
@Configuration(proxyBeanMethods = false)
public class StrictRequestBodies {

    @Bean
    JsonMapperBuilderCustomizer strictJsonReading() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
