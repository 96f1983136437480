package io.switchboard.messaging.worker;

import io.switchboard.messaging.authentication.MessageAuthenticator;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.config.MessagingProperties;
import io.switchboard.messaging.deadletter.DeadLetterPublisher;
import io.switchboard.messaging.headers.CloudEventHeaders;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the listener container of a worker: one consumer group per worker kind, batch consumption, offsets
 * committed after the batch's replies are acknowledged. Scaling a worker out means starting more processes with
 * the same group id. Each dispatcher gets its own pool of {@code workerConcurrency × workerParallelism} threads, shut
 * down with the application context.
 */
public class WorkerRuntime implements AutoCloseable {
    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonCodec codec;
    private final CloudEventHeaders headers;
    private final MessageAuthenticator authenticator;
    private final MessagingProperties properties;
    private final Clock clock;
    private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();

    public WorkerRuntime(ConsumerFactory<String, byte[]> consumerFactory, KafkaTemplate<String, byte[]> kafka,
                         JsonCodec codec, CloudEventHeaders headers, MessageAuthenticator authenticator,
                         MessagingProperties properties, Clock clock) {
        this.consumerFactory = consumerFactory;
        this.kafka = kafka;
        this.codec = codec;
        this.headers = headers;
        this.authenticator = authenticator;
        this.properties = properties;
        this.clock = clock;
    }

    public ConcurrentMessageListenerContainer<String, byte[]> listen(String topic, String groupId, CommandHandlers handlers) {
        return container(topic, groupId, properties.workerConcurrency(), dispatcher(groupId, handlers)::dispatch);
    }

    /**
     * A batch container for any consumer of Switchboard topics. The listener must process the whole batch or
     * throw; a throw redelivers the batch after a pause, forever, because skipping would lose messages.
     */
    public ConcurrentMessageListenerContainer<String, byte[]> container(String topic, String groupId, int concurrency,
                                                                        BatchMessageListener<String, byte[]> listener) {
        ContainerProperties containerProperties = new ContainerProperties(topic);
        containerProperties.setGroupId(groupId);
        containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
        containerProperties.setMessageListener(listener);

        ConcurrentMessageListenerContainer<String, byte[]> container =
                new ConcurrentMessageListenerContainer<>(consumerFactory, containerProperties);
        container.setConcurrency(concurrency);
        container.setCommonErrorHandler(new DefaultErrorHandler(
                new FixedBackOff(properties.redeliveryBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS)));
        container.setBeanName(groupId);
        return container;
    }

    public DeadLetterPublisher deadLetters(String groupId) {
        return new DeadLetterPublisher(kafka, groupId, properties.sendTimeout(), clock);
    }

    /** Exposed for tests and tools that drive a dispatcher without a container. */
    public CommandDispatcher dispatcher(String groupId, CommandHandlers handlers) {
        return new CommandDispatcher(handlers, codec, headers, authenticator, kafka, deadLetters(groupId),
                properties.sendTimeout(),
                properties.commandCallMargin(), clock, executorFor(groupId));
    }

    private Executor executorFor(String groupId) {
        if (properties.workerParallelism() <= 1) {
            return Runnable::run;
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(properties.workerConcurrency() * properties.workerParallelism(),
                task -> {
                    Thread thread = new Thread(task, groupId + "-command-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executors.add(pool);
        return pool;
    }

    /** Called by Spring when the context closes, after the listener containers have stopped. */
    @Override
    public void close() {
        executors.forEach(ExecutorService::shutdown);
    }
}
