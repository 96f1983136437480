package io.switchboard.saga.runtime;

import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.persistence.SagaInstance;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every saga definition the orchestrator can run, by type and version. New sagas start on the newest version of
 * their type; a persisted instance is always continued with the version it started on.
 */
public final class SagaDefinitions {
    private final Map<String, SagaDefinition<?>> byKey;

    public SagaDefinitions(List<SagaDefinition<?>> definitions) {
        this.byKey = definitions.stream().collect(Collectors.toUnmodifiableMap(
                d -> key(d.type(), d.version()), Function.identity()));
    }

    public SagaDefinition<?> of(SagaInstance instance) {
        SagaDefinition<?> definition = byKey.get(key(instance.sagaType(), instance.definitionVersion()));
        if (definition == null) {
            throw new IllegalStateException("No definition " + instance.sagaType() + " v" + instance.definitionVersion()
                    + " for saga " + instance.id() + ": keep old versions registered until their instances finish");
        }
        return definition;
    }

    @SuppressWarnings("unchecked")
    public <D> SagaDefinition<D> newest(String type) {
        return (SagaDefinition<D>) byKey.values().stream()
                .filter(d -> d.type().equals(type))
                .max(Comparator.comparingInt(SagaDefinition::version))
                .orElseThrow(() -> new IllegalArgumentException("Unknown saga type " + type));
    }

    private static String key(String type, int version) {
        return type + "@" + version;
    }
}
