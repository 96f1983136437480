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
        CommandDispatcher dispatcher = dispatcher(groupId, handlers);

        ContainerProperties containerProperties = new ContainerProperties(topic);
        containerProperties.setGroupId(groupId);
        containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
        containerProperties.setMessageListener((BatchMessageListener<String, byte[]>) dispatcher::dispatch);

        ConcurrentMessageListenerContainer<String, byte[]> container =
                new ConcurrentMessageListenerContainer<>(consumerFactory, containerProperties);
        container.setConcurrency(properties.workerConcurrency());
        // A batch fails only when its replies cannot reach the broker: keep retrying, never skip a command.
        container.setCommonErrorHandler(new DefaultErrorHandler(
                new FixedBackOff(properties.redeliveryBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS)));
        container.setBeanName(groupId);
        return container;
    }

    /** Exposed for tests and tools that drive a dispatcher without a container. */
    public CommandDispatcher dispatcher(String groupId, CommandHandlers handlers) {
        return new CommandDispatcher(handlers, codec, headers, kafka,
                new DeadLetterPublisher(kafka, groupId, properties.sendTimeout(), clock), properties.sendTimeout());
    }
}
