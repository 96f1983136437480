package io.switchboard.messaging.worker;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Chaos run 14: a command that finished while the pipeline was pausing (after its decision to pause, before the
 * container's pause took effect) resumed first, so the pause landed last and nothing ever resumed the worker. Here the
 * container's {@code pause()} itself lets the command finish on another thread and gives it time to resume: whatever
 * the order, the pipeline must end with consumption running, since nothing is in flight any more.
 */
class CommandPipelinePauseRaceTest {

    @Test
    void aCommandFinishingWhileThePipelinePausesLeavesConsumptionRunning() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        CommandDispatcher dispatcher = mock(CommandDispatcher.class);
        when(dispatcher.submit(any())).thenReturn(first, second);
        MessageListenerContainer container = mock(MessageListenerContainer.class);
        List<String> calls = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> {
            // The second command reached the limit; the first finishes now, on a worker thread, mid-pause.
            Thread finisher = new Thread(() -> first.complete(null));
            finisher.start();
            finisher.join(300);
            calls.add("pause");
            return null;
        }).when(container).pause();
        doAnswer(invocation -> calls.add("resume")).when(container).resume();

        CommandPipeline pipeline = new CommandPipeline("test", dispatcher, 2, Duration.ofSeconds(1));
        pipeline.controls(container);
        pipeline.onMessage(record(0), mock(Acknowledgment.class));
        pipeline.onMessage(record(1), mock(Acknowledgment.class));
        await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.inFlight() == 1);
        second.complete(null);

        await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.inFlight() == 0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(calls).as("the container ends resumed").endsWith("resume"));
        assertThat(calls).containsExactly("pause", "resume");
    }

    private static ConsumerRecord<String, byte[]> record(long offset) {
        return new ConsumerRecord<>("switchboard.vapi-commands.v1", 0, offset, "key", new byte[0]);
    }
}
