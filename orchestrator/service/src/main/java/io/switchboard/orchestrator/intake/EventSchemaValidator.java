package io.switchboard.orchestrator.intake;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.switchboard.contracts.wire.EventSchemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Checks an upstream event against the JSON Schema published in {@code contracts}, the same one upstream codes against. */
public class EventSchemaValidator {
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /** @return the violations, or empty when the body conforms (or no schema is published for the type) */
    public Optional<String> violations(String ceType, byte[] body) {
        Optional<String> resource = EventSchemas.schemaResourceFor(ceType);
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        JsonSchema schema = schemas.computeIfAbsent(resource.get(), this::load);
        Set<ValidationMessage> errors;
        try {
            errors = schema.validate(new String(body, StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (RuntimeException e) {
            return Optional.of("body is not JSON: " + e.getMessage());
        }
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
    }

    private JsonSchema load(String resource) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Schema " + resource + " missing from contracts");
            }
            return factory.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
