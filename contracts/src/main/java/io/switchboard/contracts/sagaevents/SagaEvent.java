package io.switchboard.contracts.sagaevents;

/**
 * What happened to a saga, published on {@link io.switchboard.contracts.wire.Topics#SAGA_EVENTS} for observers
 * (upstream services, dashboards). The {@code ce_type} is {@code io.switchboard.saga.<Kind>.v1}.
 * <p>
 * {@link Kind#EventIgnored} is the one kind without a saga: an organization event or ops request that started
 * nothing, with the reason in {@code detail} and the event's {@code ce_id} in {@code eventId}, so the upstream
 * service that sent it sees why (state {@code IGNORED}, {@code sagaId} null).
 *
 * @param step    the step concerned, or {@code null} for saga-level events
 * @param detail  a short human-readable note: the error of a failed step, the outcome of a finished saga, why an
 *                event was ignored
 * @param eventId the {@code ce_id} of the organization event (or the ops request id) an {@code EventIgnored} is
 *                about; {@code null} for the other kinds
 */
public record SagaEvent(
        Kind kind,
        String sagaId,
        String sagaType,
        String orgId,
        String step,
        String state,
        String detail,
        String occurredAt,
        String eventId) {

    public SagaEvent(Kind kind, String sagaId, String sagaType, String orgId, String step, String state, String detail,
                     String occurredAt) {
        this(kind, sagaId, sagaType, orgId, step, state, detail, occurredAt, null);
    }

    public enum Kind {
        SagaStarted, StepCompleted, StepFailed, SagaCompleted, SagaCompensated, SagaFailed, EventIgnored;

        public String ceType() {
            return "io.switchboard.saga." + name() + ".v1";
        }
    }
}
