package io.switchboard.contracts.sagaevents;

/**
 * What happened to a saga, published on {@link io.switchboard.contracts.wire.Topics#SAGA_EVENTS} for observers
 * (upstream services, dashboards). The {@code ce_type} is {@code io.switchboard.saga.<Kind>.v1}.
 *
 * @param step   the step concerned, or {@code null} for saga-level events
 * @param detail a short human-readable note: the error of a failed step, the outcome of a finished saga
 */
public record SagaEvent(
        Kind kind,
        String sagaId,
        String sagaType,
        String orgId,
        String step,
        String state,
        String detail,
        String occurredAt) {

    public enum Kind {
        SagaStarted, StepCompleted, StepFailed, SagaCompleted, SagaCompensated, SagaFailed;

        public String ceType() {
            return "io.switchboard.saga." + name() + ".v1";
        }
    }
}
