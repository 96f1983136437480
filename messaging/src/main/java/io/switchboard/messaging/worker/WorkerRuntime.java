package io.switchboard.messaging.worker;

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

/**
 * Builds the listener container of a worker: one consumer group per worker kind, batch consumption, offsets
 * committed after the batch's replies are acknowledged. Scaling a worker out means starting more processes with
 * the same group id.
 */
public class WorkerRuntime {
    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonCodec codec;
    private final CloudEventHeaders headers;
    private final MessagingProperties properties;
    private final Clock clock;

    public WorkerRuntime(ConsumerFactory<String, byte[]> consumerFactory, KafkaTemplate<String, byte[]> kafka,
                         JsonCodec codec, CloudEventHeaders headers, MessagingProperties properties, Clock clock) {
        this.consumerFactory = consumerFactory;
        this.kafka = kafka;
        this.codec = codec;
        this.headers = headers;
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
        return new CommandDispatcher(handlers, codec, headers, kafka, deadLetters(groupId), properties.sendTimeout(),
                properties.commandCallMargin(), clock);
    }
}
