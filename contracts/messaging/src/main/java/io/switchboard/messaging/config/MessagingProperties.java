package io.switchboard.messaging.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings shared by every Kafka consumer and producer of Switchboard ({@code switchboard.messaging.*}).
 * Broker address and security come from Spring Boot's {@code spring.kafka.*}.
 *
 * @param source            CloudEvents {@code ce_source} of messages this service writes
 * @param sendTimeout       how long a synchronous send (reply, dead letter) may wait for the broker
 * @param workerConcurrency consumer threads per worker command topic (they only poll and hand commands on; they do not
 *                          run them)
 * @param maxInFlightCommands commands a worker has taken from its topic and not yet finished (reply acknowledged by
 *                          the broker), across all its partitions; at the limit the worker's consumers pause their
 *                          partitions and resume once a command finishes. It also bounds the commands running at once,
 *                          and so the worker's provider calls in flight (one at a time per command; the providers' rate
 *                          limiters bound their rate). Size it for latency × rate: 100 onboardings at once put 200
 *                          assistant creations of 5–10 s each on the VAPI worker
 * @param revocationGrace   when the broker takes partitions away (rebalance, shutdown), how long the consumer waits
 *                          for their running commands to finish so their offsets are committed before the new owner
 *                          starts; commands still running after it finish and reply anyway, and the new owner repeats
 *                          them (handlers are idempotent by {@code requestId}). Keep well below
 *                          {@code max.poll.interval.ms} (5 min)
 * @param lingerMs          producer batching delay; small, because saga latency is end-to-end visible
 * @param redeliveryBackoff pause before a batch whose processing failed is processed again (orchestrator), and before
 *                          a worker sends again a reply or dead letter the broker did not acknowledge
 * @param topicPartitions   partitions of topics this service creates at startup when they are missing
 * @param topicReplicas     replication factor of those topics (1 for a single local broker, 3 in production)
 * @param commandCallMargin workers start a command, and each provider call of it, only until this long before the
 *                          command's {@code sb_deadline} (at most half the time the orchestrator allows); must exceed
 *                          the longest single provider call (read timeout + rate-limiter wait), so that nothing a
 *                          worker does for a command happens after the saga stopped waiting for it
 * @param authentication    the keyset that tags and verifies commands and replies (see {@link Authentication})
 */
@ConfigurationProperties(prefix = "switchboard.messaging")
public record MessagingProperties(
        @DefaultValue("/switchboard/service") String source,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("3") int workerConcurrency,
        @DefaultValue("256") int maxInFlightCommands,
        @DefaultValue("10s") Duration revocationGrace,
        @DefaultValue("1") int lingerMs,
        @DefaultValue("1s") Duration redeliveryBackoff,
        @DefaultValue("6") int topicPartitions,
        @DefaultValue("1") short topicReplicas,
        @DefaultValue("30s") Duration commandCallMargin,
        @DefaultValue Authentication authentication) {

    /**
     * {@code switchboard.messaging.authentication.*}.
     *
     * @param keyset Tink JSON HMAC-SHA256 keyset shared by every Switchboard service (secret); commands and replies
     *               carry a tag made with it and anything without a valid tag is dead-lettered. Required.
     */
    public record Authentication(String keyset) {
        @Override
        public String toString() {
            return "Authentication[keyset=" + (keyset == null || keyset.isBlank() ? "<not set>" : "***") + "]";
        }
    }
}
