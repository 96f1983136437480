package io.switchboard.orchestrator.api.ops;

/**
 * One record of a dead-letter topic as ops need to see it.
 *
 * @param position    {@code <partition>:<offset>} in the DLQ: what {@code POST /dead-letters/redrive} takes
 * @param bodyPreview the first characters of the value (UTF-8), for recognising the message
 * @param redrivenAt  when it was republished to its original topic, or null
 */
public record DeadLetter(String position, int partition, long offset, String key, String reason, String exception,
                         String originalTopic, String originalPosition, String failedAt, String consumerGroup,
                         String ceType, String ceId, String bodyPreview, String redrivenAt) {
}
