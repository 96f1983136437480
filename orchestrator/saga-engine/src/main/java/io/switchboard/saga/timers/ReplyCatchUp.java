package io.switchboard.saga.timers;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Holds the timer poller back after a start until the replies that were published while this orchestrator was down
 * have been consumed.
 *
 * <p>Without it, a restarted orchestrator fires every step timeout whose deadline passed during the outage before its
 * reply consumer has even joined the group: a step that succeeded in time is counted as timed out, the saga retries
 * or compensates, and an irreversible success (a deleted registration, a released number) arrives afterwards as a
 * "late" reply the saga can no longer use. So: take the reply topic's end offsets at start, wait until the
 * orchestrator's consumer group has committed up to them, then let timers fire. Bounded by {@code maxWait}: with
 * Kafka unreachable, timers still fire eventually (and replies that come later are handled as late replies).
 */
public final class ReplyCatchUp implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ReplyCatchUp.class);

    private final Map<String, Object> adminConfig;
    private final String consumerGroup;
    private final String replyTopic;
    private final Duration maxWait;
    private final Duration checkInterval;

    public ReplyCatchUp(Map<String, Object> adminConfig, String consumerGroup, String replyTopic, Duration maxWait,
                        Duration checkInterval) {
        this.adminConfig = adminConfig;
        this.consumerGroup = consumerGroup;
        this.replyTopic = replyTopic;
        this.maxWait = maxWait;
        this.checkInterval = checkInterval;
    }

    /** Blocks until caught up, {@code maxWait} elapsed, or the thread is interrupted. */
    @Override
    public void run() {
        if (maxWait.isZero() || maxWait.isNegative()) {
            return;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        try (AdminClient admin = AdminClient.create(adminConfig)) {
            Map<TopicPartition, Long> target = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (target == null) {
                        target = endOffsets(admin);
                        log.info("Timers wait until the replies published while the orchestrator was down are consumed "
                                + "({} partitions of {})", target.size(), replyTopic);
                    }
                    long behind = behind(admin, target);
                    if (behind == 0) {
                        log.info("Reply backlog consumed; saga timers start firing");
                        return;
                    }
                    log.debug("{} replies still to consume before saga timers fire", behind);
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        throw (InterruptedException) e;
                    }
                    log.debug("Reply backlog not readable yet: {}", e.toString());
                }
                Thread.sleep(checkInterval.toMillis());
            }
            log.warn("Reply backlog not consumed within {}; saga timers start firing anyway", maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not check the reply backlog ({}); saga timers start firing", e.toString());
        }
    }

    private Map<TopicPartition, Long> endOffsets(AdminClient admin) throws Exception {
        List<TopicPartitionInfo> partitions = admin.describeTopics(List.of(replyTopic)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(replyTopic).partitions();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(replyTopic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest =
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> target = new HashMap<>();
        latest.forEach((partition, info) -> target.put(partition, info.offset()));
        return target;
    }

    /** Replies between the group's committed position and the target, summed over partitions. */
    private long behind(AdminClient admin, Map<TopicPartition, Long> target) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(consumerGroup)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            // No committed offset: the group never read this partition, so with earliest reset it starts at the log
            // start; count it as behind only if the partition holds anything.
            long at = position == null ? 0 : position.offset();
            behind += Math.max(0, end.getValue() - at);
        }
        return behind;
    }
}
