package io.switchboard.messaging.worker;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The commands of one assigned partition that were taken but whose offsets are not committed yet, in offset order.
 * Commands finish in any order; a finished one is acknowledged to the container only once every command before it
 * on the partition finished too, so the committed offset never passes an unfinished command (the lowest unfinished
 * one is where a restart resumes). Acknowledgments are handed on in increasing order, under this object's lock, so
 * the container (which commits the highest offset it was given) sees them in order.
 * <p>
 * One instance per assignment: when the partition is revoked it is {@link #retire() retired}, and commands of the
 * old assignment that finish later acknowledge nothing (the new owner repeats them).
 */
final class PartitionOffsets {
    private final TopicPartition partition;
    private final TreeMap<Long, Acknowledgment> taken = new TreeMap<>();
    private final Set<Long> finishedAhead = new HashSet<>();
    private long highestTaken = -1;
    private boolean retired;

    PartitionOffsets(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    /**
     * Records a command taken from the partition.
     *
     * @return false if this assignment already took that offset (a redelivery after a seek): it is running already
     */
    synchronized boolean take(long offset, Acknowledgment acknowledgment) {
        if (retired || offset <= highestTaken) {
            return false;
        }
        highestTaken = offset;
        taken.put(offset, acknowledgment);
        return true;
    }

    /** Marks a command finished and acknowledges the longest run of finished commands at the head, if any. */
    synchronized void finished(long offset) {
        if (retired || !taken.containsKey(offset)) {
            return;
        }
        finishedAhead.add(offset);
        Acknowledgment last = null;
        while (!taken.isEmpty() && finishedAhead.remove(taken.firstKey())) {
            last = taken.pollFirstEntry().getValue();
        }
        if (last != null) {
            last.acknowledge();
        }
        notifyAll();
    }

    /** Commands taken and not finished (or finished behind an unfinished one). */
    synchronized int uncommitted() {
        return taken.size();
    }

    /** The lowest offset not acknowledged yet, if any: where a restart would resume. */
    synchronized Long lowestUncommitted() {
        Map.Entry<Long, Acknowledgment> first = taken.firstEntry();
        return first == null ? null : first.getKey();
    }

    /** Waits until every taken command is acknowledged, or until {@code deadlineNanos} ({@link System#nanoTime}). */
    synchronized void awaitAcknowledged(long deadlineNanos) throws InterruptedException {
        long left;
        while (!taken.isEmpty() && (left = deadlineNanos - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The partition is no longer ours: nothing more is acknowledged for this assignment. */
    synchronized int retire() {
        retired = true;
        notifyAll();
        return taken.size();
    }
}
