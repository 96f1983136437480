package io.switchboard.saga.definition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A saga as a list of stages; each stage is one step or several steps that run in parallel. A stage starts when
 * the previous one has fully succeeded. When a step fails for good, the saga waits for its parallel siblings to
 * finish and then runs the compensations of every succeeded step in reverse order.
 * <p>
 * Instances are pinned to {@code (type, version)}: change a definition by adding a new version and keep the old
 * one registered until its instances have finished. Step names, not positions, are persisted.
 */
public final class SagaDefinition<D> {
    private final String type;
    private final int version;
    private final Class<D> dataType;
    private final List<List<StepDefinition<D>>> stages;

    private SagaDefinition(String type, int version, Class<D> dataType, List<List<StepDefinition<D>>> stages) {
        this.type = type;
        this.version = version;
        this.dataType = dataType;
        this.stages = stages;
    }

    public static <D> Builder<D> saga(String type, int version, Class<D> dataType) {
        return new Builder<>(type, version, dataType);
    }

    public String type() {
        return type;
    }

    public int version() {
        return version;
    }

    public Class<D> dataType() {
        return dataType;
    }

    public List<List<StepDefinition<D>>> stages() {
        return stages;
    }

    /** Every step in declaration order, parallel steps in the order they are listed. */
    public List<StepDefinition<D>> steps() {
        return stages.stream().flatMap(List::stream).toList();
    }

    public Optional<StepDefinition<D>> step(String name) {
        return steps().stream().filter(step -> step.name().equals(name)).findFirst();
    }

    /** A sequence of stages that more than one saga runs; each saga gets its own step instances. */
    @FunctionalInterface
    public interface Fragment<D> {
        Builder<D> appendTo(Builder<D> saga);
    }

    public static final class Builder<D> {
        private final String type;
        private final int version;
        private final Class<D> dataType;
        private final List<List<StepDefinition<D>>> stages = new ArrayList<>();

        private Builder(String type, int version, Class<D> dataType) {
            this.type = type;
            this.version = version;
            this.dataType = dataType;
        }

        public Builder<D> then(StepDefinition.Builder<D> step) {
            stages.add(List.of(step.build()));
            return this;
        }

        /** Appends stages several sagas share, e.g. taking a line down (see {@link Fragment}). */
        public Builder<D> then(Fragment<D> fragment) {
            return fragment.appendTo(this);
        }

        @SafeVarargs
        public final Builder<D> inParallel(StepDefinition.Builder<D>... steps) {
            stages.add(java.util.Arrays.stream(steps).map(StepDefinition.Builder::build).toList());
            return this;
        }

        public SagaDefinition<D> build() {
            Set<String> names = new HashSet<>();
            for (List<StepDefinition<D>> stage : stages) {
                for (StepDefinition<D> step : stage) {
                    if (!names.add(step.name())) {
                        throw new IllegalStateException("Duplicate step name " + step.name() + " in saga " + type);
                    }
                }
            }
            return new SagaDefinition<>(type, version, dataType, List.copyOf(stages));
        }
    }
}
