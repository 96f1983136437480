package io.switchboard.orchestrator.batches;

/**
 * What each item of a batch asks for beyond its kind.
 *
 * @param numberSource {@code assign-numbers} and {@code inbound-ai-on}: where the number comes from
 *                     ({@code pool_first}, {@code force_twilio}, {@code own_number}); {@code null} = the line's
 *                     remembered choice, else the default
 */
public record BatchOptions(String numberSource) {
    static final BatchOptions NONE = new BatchOptions(null);
}
