package io.switchboard.saga.definition;

/**
 * What a step's action or compensation knows besides the saga data. The {@link #requestId()} is the same for every
 * attempt of the step, so the worker can recognise a retry or a redelivery and not repeat the external effect;
 * the compensation gets its own id because it is a different effect.
 *
 * @param failedStep    during compensation: the step whose failure is being undone
 * @param failureReason during compensation: why it failed
 */
public record StepContext(String sagaId, String orgId, String step, Direction direction, String failedStep,
                          String failureReason) {
    public String requestId() {
        return direction == Direction.ACTION ? sagaId + ":" + step : sagaId + ":" + step + ":undo";
    }
}
