package io.switchboard.messaging.worker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.config.MessagingProperties;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.testsupport.TestInfrastructure;
import io.switchboard.testsupport.TestMessageKeys;
import io.switchboard.testsupport.WorkerKafkaClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker runtime's pipelined consumption over the real broker: a slow command holds back neither the commands
 * behind it on its partition nor their replies; offsets stop at the lowest unfinished command, so a worker stopped
 * with a slow command in flight gets it again after the restart; and the in-flight limit pauses and resumes
 * consumption. The worker is {@link WorkerRuntime#listen} as every worker uses it, with a test handler instead of a
 * provider; the orchestrator is played by {@link WorkerKafkaClient}.
 */
class CommandPipelineKafkaTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ORG = "org-pipeline";

    private final List<WorkerRuntime> runtimes = new ArrayList<>();
    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();
    private final List<CountDownLatch> blocked = new CopyOnWriteArrayList<>();
    private String topic;
    private String group;
    private WorkerKafkaClient orchestrator;
    private Admin admin;

    @BeforeEach
    void topics() {
        String prefix = TestInfrastructure.newTopicPrefix();
        topic = prefix + "commands";
        group = prefix + "worker";
        // One partition: every command below is on the same partition, the case the pipeline is for.
        TestInfrastructure.createTopics(1, topic, Topics.deadLetterOf(topic), Topics.SAGA_REPLIES);
        orchestrator = new WorkerKafkaClient(TestInfrastructure.kafkaBootstrapServers(), Topics.SAGA_REPLIES);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()));
    }

    @AfterEach
    void stop() {
        blocked.forEach(CountDownLatch::countDown);
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        runtimes.forEach(WorkerRuntime::close);
        orchestrator.close();
        admin.close();
    }

    @Test
    void aSlowCommandHoldsBackNeitherTheLaterCommandsOfItsPartitionNorTheirReplies() {
        CountDownLatch slowMayFinish = blocking(new CountDownLatch(1));
        Set<String> handled = ConcurrentHashMap.newKeySet();
        start(10, Duration.ofSeconds(10), (command, context) -> {
            if (command.requestId().equals("slow")) {
                hold(slowMayFinish);
            }
            handled.add(command.requestId());
            return new AssistantCreated("asst-" + command.requestId(), command.name());
        });

        String first = send("first");       // offset 0
        String slow = send("slow");         // offset 1
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(send("later-" + i));   // offsets 2..6
        }

        orchestrator.awaitReplyTo(first, WAIT);
        later.forEach(id -> orchestrator.awaitReplyTo(id, WAIT));
        assertThat(handled).doesNotContain("slow");
        // Everything behind the slow command finished, but the commit stops at it: a crash now repeats it.
        await().atMost(WAIT).until(() -> committedOffset() == 1L);
        assertThat(handled).doesNotContain("slow");

        slowMayFinish.countDown();
        orchestrator.awaitReplyTo(slow, WAIT);
        await().atMost(WAIT).until(() -> committedOffset() == 7L);
    }

    @Test
    void aWorkerStoppedWithASlowCommandInFlightGetsItAgainAndLosesNoneOfTheOthers() throws Exception {
        CountDownLatch neverInTheFirstWorker = blocking(new CountDownLatch(1));
        List<String> firstWorker = new CopyOnWriteArrayList<>();
        // A short grace: the stop gives up on the slow command instead of waiting for it.
        ConcurrentMessageListenerContainer<String, byte[]> worker = start(10, Duration.ofMillis(500), (command, context) -> {
            if (command.requestId().equals("slow")) {
                hold(neverInTheFirstWorker);
                return new AssistantCreated("asst-too-late", command.name());
            }
            firstWorker.add(command.requestId());
            return new AssistantCreated("asst-" + command.requestId(), command.name());
        });
        String first = send("first");
        send("slow");
        List<String> later = List.of(send("later-0"), send("later-1"), send("later-2"));
        orchestrator.awaitReplyTo(first, WAIT);
        later.forEach(id -> orchestrator.awaitReplyTo(id, WAIT));
        await().atMost(WAIT).until(() -> committedOffset() == 1L);

        worker.stop();
        assertThat(committedOffset()).isEqualTo(1L);

        List<String> secondWorker = new CopyOnWriteArrayList<>();
        start(10, Duration.ofSeconds(10), (command, context) -> {
            secondWorker.add(command.requestId());
            return new AssistantCreated("asst-" + command.requestId(), command.name());
        });
        await().atMost(WAIT).until(() -> committedOffset() == 5L);
        // The slow command is delivered again; the later ones may repeat (handlers are idempotent), the first not.
        assertThat(secondWorker).contains("slow").doesNotContain("first");
        assertThat(firstWorker).containsExactlyInAnyOrder("first", "later-0", "later-1", "later-2");
    }

    @Test
    void theInFlightLimitPausesConsumptionAndItResumesAsCommandsFinish() {
        int limit = 3;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicBoolean pausedAtTheLimit = new AtomicBoolean();
        CountDownLatch limitReached = new CountDownLatch(1);
        List<ConcurrentMessageListenerContainer<String, byte[]>> self = new ArrayList<>(1);
        self.add(start(limit, Duration.ofSeconds(10), (command, context) -> {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            if (now == limit) {
                pausedAtTheLimit.compareAndSet(false, self.get(0).isPauseRequested());
                limitReached.countDown();
            }
            try {
                // Hold the first commands until the limit is reached, so the test does not depend on timing.
                limitReached.await(10, TimeUnit.SECONDS);
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return new AssistantCreated("asst-" + command.requestId(), command.name());
        }));

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(send("cmd-" + i));
        }

        sent.forEach(id -> orchestrator.awaitReplyTo(id, WAIT));
        assertThat(mostAtOnce).hasValue(limit);
        assertThat(pausedAtTheLimit).isTrue();
        await().atMost(WAIT).until(() -> committedOffset() == 12L);
        assertThat(self.get(0).isPauseRequested()).isFalse();
    }

    private String send(String requestId) {
        CreateAssistant command = new CreateAssistant(ORG, requestId, "Pipeline", AssistantRole.INBOUND,
                "Pipeline " + requestId);
        return orchestrator.sendCommand(topic, ORG, CreateAssistant.TYPE, command);
    }

    private CountDownLatch blocking(CountDownLatch latch) {
        blocked.add(latch);
        return latch;
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ConcurrentMessageListenerContainer<String, byte[]> start(int maxInFlight, Duration revocationGrace,
                                                                     CommandHandler<CreateAssistant> handler) {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        MessagingProperties properties = new MessagingProperties("/switchboard/test-worker", Duration.ofSeconds(10), 1,
                maxInFlight, revocationGrace, 1, Duration.ofMillis(200), 1, (short) 1, Duration.ofSeconds(30),
                new MessagingProperties.Authentication(TestMessageKeys.json()));
        var consumers = new DefaultKafkaConsumerFactory<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        var producers = new DefaultKafkaProducerFactory<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), new ByteArraySerializer());
        WorkerRuntime runtime = new WorkerRuntime(consumers, new KafkaTemplate<>(producers), new JsonCodec(),
                new CloudEventHeaders(properties.source()), TestMessageKeys.authenticator(), properties,
                Clock.systemUTC(), new SimpleMeterRegistry());
        runtimes.add(runtime);
        ConcurrentMessageListenerContainer<String, byte[]> container =
                runtime.listen(topic, group, new CommandHandlers().on(CreateAssistant.class, handler));
        containers.add(container);
        container.start();
        return container;
    }

    /** The group's committed offset of the partition (the next command a restarted worker reads), -1 if none. */
    private long committedOffset() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        OffsetAndMetadata committed = offsets.get(new TopicPartition(topic, 0));
        return committed == null ? -1 : committed.offset();
    }
}
