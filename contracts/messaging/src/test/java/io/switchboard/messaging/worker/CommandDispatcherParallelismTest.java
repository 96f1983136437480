package io.switchboard.messaging.worker;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.authentication.MessageAuthenticator;
import io.switchboard.messaging.authentication.MessageKeyset;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.deadletter.DeadLetterPublisher;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.SagaRouting;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a batch is executed: different steps at once, attempts of one step in order. The broker is replaced by Kafka's
 * own {@link MockProducer} because what is under test is the dispatcher's scheduling, not the wire.
 */
class CommandDispatcherParallelismTest {
    private final JsonCodec codec = new JsonCodec();
    private final CloudEventHeaders headers = new CloudEventHeaders("/switchboard/test");
    private final MessageAuthenticator authenticator = new MessageAuthenticator(MessageKeyset.generate());
    /** KafkaTemplate closes its producer after each send; this one stays open so its history can be read. */
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
                @Override
                public void close(Duration timeout) {
                }
            };
    private final KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(() -> producer);
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void theTwoAssistantCreationsOfOneOrganizationOverlap() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CommandHandler<CreateAssistant> handler = (command, context) -> {
            bothStarted.countDown();
            try {
                // Run one after another, the first would wait here for a second that never starts.
                return bothStarted.await(10, TimeUnit.SECONDS)
                        ? new AssistantCreated("asst-" + command.role(), command.name())
                        : new StepFailed("NOT_PARALLEL", "ran alone", false, "test", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };

        dispatcher(handler).dispatch(List.of(
                record(0, create("acme:create-inbound-assistant", AssistantRole.INBOUND)),
                record(1, create("acme:create-outbound-assistant", AssistantRole.OUTBOUND))));

        assertThat(replyTypes()).containsOnly(MessageTypes.typeOf(AssistantCreated.class)).hasSize(2);
    }

    @Test
    void attemptsOfOneStepRunOneAfterAnotherInTopicOrder() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Long> order = new CopyOnWriteArrayList<>();
        CommandHandler<CreateAssistant> handler = (command, context) -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            order.add(Long.parseLong(context.commandId()));
            sleep(Duration.ofMillis(100));
            inFlight.decrementAndGet();
            return new AssistantCreated("asst-1", command.name());
        };

        CreateAssistant attempt = create("acme:create-inbound-assistant", AssistantRole.INBOUND);
        dispatcher(handler).dispatch(List.of(record(0, attempt), record(1, attempt), record(2, attempt)));

        assertThat(mostAtOnce).hasValue(1);
        assertThat(order).containsExactly(0L, 1L, 2L);
        assertThat(producer.history()).hasSize(3);
    }

    @Test
    void eachCommandsTimeAndTheTimeOfItsProviderCallsAreRecordedPerCommandAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CommandHandler<CreateAssistant> handler = (command, context) -> {
            ProviderCallTime.measure(() -> {
                sleep(Duration.ofMillis(120));
                return null;
            });
            sleep(Duration.ofMillis(60)); // the worker's own part
            return new AssistantCreated("asst-1", command.name());
        };
        CommandDispatcher dispatcher = new CommandDispatcher(new CommandHandlers().on(CreateAssistant.class, handler),
                codec, headers, authenticator, kafka,
                new DeadLetterPublisher(kafka, "test", Duration.ofSeconds(5), Clock.systemUTC()), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Clock.systemUTC(), pool,
                new CommandMetrics(registry, "switchboard-vapi-worker"));

        dispatcher.dispatch(List.of(record(0, create("acme:create-inbound-assistant", AssistantRole.INBOUND))));

        Timer handling = registry.get(CommandMetrics.HANDLING).tags("worker", "switchboard-vapi-worker",
                "command", "CreateAssistant", "outcome", "AssistantCreated").timer();
        Timer provider = registry.get(CommandMetrics.PROVIDER).tags("command", "CreateAssistant").timer();
        assertThat(handling.count()).isEqualTo(1);
        assertThat(provider.count()).isEqualTo(1);
        assertThat(provider.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(120.0)
                .isLessThanOrEqualTo(handling.totalTime(TimeUnit.MILLISECONDS) - 60.0);
        // A provider call outside any command's tally (a tool, this test's thread) counts nowhere.
        assertThat(ProviderCallTime.measure(() -> "no tally")).isEqualTo("no tally");
    }

    private CommandDispatcher dispatcher(CommandHandler<CreateAssistant> handler) {
        return new CommandDispatcher(new CommandHandlers().on(CreateAssistant.class, handler), codec, headers,
                authenticator, kafka,
                new DeadLetterPublisher(kafka, "test", Duration.ofSeconds(5), Clock.systemUTC()), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Clock.systemUTC(), pool);
    }

    private static CreateAssistant create(String requestId, AssistantRole role) {
        return new CreateAssistant("acme", requestId, "Acme", role, "Acme " + role.name().toLowerCase());
    }

    /** A command record as the orchestrator writes it; its {@code ce_id} is its offset, to read the order back. */
    private ConsumerRecord<String, byte[]> record(long offset, CreateAssistant command) {
        var h = headers.newMessage(Long.toString(offset), MessageTypes.typeOf(CreateAssistant.class), command.orgId(),
                SagaRouting.command("saga-1", "step", 1, Topics.SAGA_REPLIES));
        byte[] value = codec.encode(command);
        return new ConsumerRecord<>(Topics.VAPI_COMMANDS, 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0,
                command.orgId(), value,
                CloudEventHeaders.toKafka(authenticator.signed(Topics.VAPI_COMMANDS, command.orgId(), value, h)),
                Optional.empty());
    }

    private List<String> replyTypes() {
        return producer.history().stream().map(ProducerRecord::headers)
                .map(h -> CloudEventHeaders.read(h, io.switchboard.contracts.wire.Headers.CE_TYPE)).toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
