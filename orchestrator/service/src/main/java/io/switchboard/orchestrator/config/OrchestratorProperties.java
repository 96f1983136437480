package io.switchboard.orchestrator.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code switchboard.orchestrator.*}
 *
 * @param consumerGroup     Kafka consumer group of the orchestrator (events and replies)
 * @param eventConcurrency  consumer threads on the organization events topic
 * @param replyConcurrency  consumer threads on the replies topic
 * @param inboxRetention    how long applied message ids are remembered for deduplication
 */
@ConfigurationProperties(prefix = "switchboard.orchestrator")
public record OrchestratorProperties(
        @DefaultValue("switchboard-orchestrator") String consumerGroup,
        @DefaultValue("2") int eventConcurrency,
        @DefaultValue("3") int replyConcurrency,
        @DefaultValue("7d") Duration inboxRetention) {
}
