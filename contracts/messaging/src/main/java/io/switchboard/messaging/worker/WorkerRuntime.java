package io.switchboard.messaging.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.messaging.authentication.MessageAuthenticator;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.config.MessagingProperties;
import io.switchboard.messaging.deadletter.DeadLetterPublisher;
import io.switchboard.messaging.headers.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Builds the listener containers of Switchboard's consumers. A worker ({@link #listen}) gets one consumer group per
 * worker kind and a {@link CommandPipeline}: its {@code workerConcurrency} consumer threads only poll and hand
 * commands on, the commands run on the worker's own {@link CommandThreads} (at most {@code max-in-flight-commands}
 * at once), and each partition's offset is committed up to its lowest unfinished command. Scaling a worker out means
 * starting more processes with the same group id. The orchestrator's consumers use {@link #container} (batches).
 */
public class WorkerRuntime implements AutoCloseable {
    /** Headroom over the revocation grace for a container's stop, which waits for it on the consumer thread. */
    private static final Duration STOP_HEADROOM = Duration.ofSeconds(5);
    private static final int KAFKA_DEFAULT_MAX_POLL_RECORDS = 500;

    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonCodec codec;
    private final CloudEventHeaders headers;
    private final MessageAuthenticator authenticator;
    private final MessagingProperties properties;
    private final Clock clock;
    private final List<CommandThreads> executors = new CopyOnWriteArrayList<>();
    private final List<CommandDispatcher> dispatchers = new CopyOnWriteArrayList<>();
    private final MeterRegistry meters;

    public WorkerRuntime(ConsumerFactory<String, byte[]> consumerFactory, KafkaTemplate<String, byte[]> kafka,
                         JsonCodec codec, CloudEventHeaders headers, MessageAuthenticator authenticator,
                         MessagingProperties properties, Clock clock, MeterRegistry meters) {
        this.consumerFactory = consumerFactory;
        this.kafka = kafka;
        this.codec = codec;
        this.headers = headers;
        this.authenticator = authenticator;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    public ConcurrentMessageListenerContainer<String, byte[]> listen(String topic, String groupId, CommandHandlers handlers) {
        CommandPipeline pipeline = new CommandPipeline(groupId, dispatcher(groupId, handlers),
                properties.maxInFlightCommands(), properties.revocationGrace());
        ContainerProperties containerProperties = new ContainerProperties(topic);
        containerProperties.setGroupId(groupId);
        containerProperties.setAckMode(ContainerProperties.AckMode.MANUAL);
        containerProperties.setMessageListener(pipeline);
        containerProperties.setConsumerRebalanceListener(pipeline);
        containerProperties.setShutdownTimeout(properties.revocationGrace().plus(STOP_HEADROOM).toMillis());
        // One poll never takes more than the in-flight limit, so a pause overshoots it by at most one poll.
        Properties consumer = new Properties();
        consumer.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Integer.toString(Math.min(KAFKA_DEFAULT_MAX_POLL_RECORDS, properties.maxInFlightCommands())));
        containerProperties.setKafkaConsumerProperties(consumer);

        ConcurrentMessageListenerContainer<String, byte[]> container =
                new ConcurrentMessageListenerContainer<>(consumerFactory, containerProperties);
        container.setConcurrency(properties.workerConcurrency());
        // Only for what the pipeline does not expect (a bug while decoding): the record is delivered again.
        container.setCommonErrorHandler(new DefaultErrorHandler(
                new FixedBackOff(properties.redeliveryBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS)));
        container.setBeanName(groupId);
        pipeline.controls(container);
        return container;
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

    /** The dispatcher a worker's pipeline uses, on its own command threads; exposed for tests and tools. */
    public CommandDispatcher dispatcher(String groupId, CommandHandlers handlers) {
        CommandThreads threads = CommandThreads.forCommands(groupId, properties.maxInFlightCommands());
        executors.add(threads);
        CommandDispatcher dispatcher = new CommandDispatcher(handlers, codec, headers, authenticator, kafka,
                deadLetters(groupId), properties.sendTimeout(), properties.commandCallMargin(),
                properties.redeliveryBackoff(), clock, threads, new CommandMetrics(meters, groupId));
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    /**
     * Called by Spring when the context closes, after the listener containers have stopped (their revocation waited
     * for running commands up to the grace): what still runs is not re-sent, and its offsets stay uncommitted.
     */
    @Override
    public void close() {
        dispatchers.forEach(CommandDispatcher::stop);
        executors.forEach(CommandThreads::close);
    }
}
