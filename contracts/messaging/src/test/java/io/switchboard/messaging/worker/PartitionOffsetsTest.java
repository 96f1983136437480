package io.switchboard.messaging.worker;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** What reaches the container: only the end of the longest run of finished commands at the head, in order. */
class PartitionOffsetsTest {
    private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
    private final PartitionOffsets offsets = new PartitionOffsets(new TopicPartition("commands", 0));

    @Test
    void aFinishedCommandBehindAnUnfinishedOneIsNotAcknowledgedUntilTheGapFills() {
        take(10, 11, 12, 13);

        offsets.finished(11);
        offsets.finished(13);
        assertThat(acknowledged).isEmpty();
        assertThat(offsets.lowestUncommitted()).isEqualTo(10L);

        offsets.finished(10);
        assertThat(acknowledged).containsExactly(11L);
        assertThat(offsets.lowestUncommitted()).isEqualTo(12L);

        offsets.finished(12);
        assertThat(acknowledged).containsExactly(11L, 13L);
        assertThat(offsets.uncommitted()).isZero();
    }

    @Test
    void anOffsetIsTakenOnceAndARetiredAssignmentAcknowledgesNothing() {
        take(5, 6);
        assertThat(offsets.take(6, ack(6))).isFalse();
        assertThat(offsets.take(4, ack(4))).isFalse();

        assertThat(offsets.retire()).isEqualTo(2);
        offsets.finished(5);
        offsets.finished(6);
        assertThat(acknowledged).isEmpty();
        assertThat(offsets.take(7, ack(7))).isFalse();
    }

    private void take(long... taken) {
        for (long offset : taken) {
            assertThat(offsets.take(offset, ack(offset))).isTrue();
        }
    }

    private Acknowledgment ack(long offset) {
        return () -> acknowledged.add(offset);
    }
}
