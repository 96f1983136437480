package io.switchboard.orchestrator.kafka;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.CheckPhoneNumber;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.contracts.commands.Command;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.DeleteAssistant;
import io.switchboard.contracts.commands.DeletePhoneNumberRegistration;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.commands.SendFailureEmail;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.AssistantDeleted;
import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.replies.FreePhoneNumberCreated;
import io.switchboard.contracts.replies.PhoneNumberActive;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.replies.PhoneNumberRegistrationDeleted;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.MessageMetadata;
import io.switchboard.messaging.headers.SagaRouting;
import io.switchboard.testsupport.TestInfrastructure;
import io.switchboard.testsupport.TestMessageKeys;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Stands in for the three workers at the Kafka protocol level: consumes their command topics and answers each
 * command on the reply topic, successfully unless a test asked a command type to fail for an organization. Lets
 * the orchestrator be tested over the real broker without Twilio, VAPI or SMTP.
 */
public final class FakeWorkers implements AutoCloseable {
    private final JsonCodec codec = new JsonCodec();
    private final CloudEventHeaders headers = new CloudEventHeaders("/tests/fake-workers");
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Reply> answers = new ConcurrentHashMap<>();
    private final Queue<Command> received = new ConcurrentLinkedQueue<>();
    private final List<Predicate<Command>> holds = new CopyOnWriteArrayList<>();
    private final Queue<Held> held = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    public FakeWorkers() {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "fake-workers-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        // Only commands sent from now on: earlier test classes in this JVM may have left thousands on these topics
        // (the free-number benchmark does), and answering them all would delay this test's own commands.
        List<TopicPartition> partitions = Stream.of(Topics.TWILIO_COMMANDS, Topics.VAPI_COMMANDS, Topics.NOTIFIER_COMMANDS)
                .flatMap(topic -> consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::loop, "fake-workers");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every command of this type for this organization fails with the given reply. */
    public void fail(String orgId, Class<? extends Command> type, StepFailed failure) {
        answer(orgId, type, failure);
    }

    /** Every command of this type for this organization gets this reply (e.g. a trial account's existing number). */
    public void answer(String orgId, Class<? extends Command> type, Reply reply) {
        answers.put(orgId + "/" + type.getSimpleName(), reply);
    }

    /** Commands matching {@code which} get no answer until {@link #answerHeld()}: a worker still busy with them. */
    public void hold(Predicate<Command> which) {
        holds.add(which);
    }

    /** Commands held so far. */
    public List<Command> held() {
        return held.stream().map(Held::command).toList();
    }

    /** Stops holding, and answers every held command now, as a worker that finishes late would. */
    public void answerHeld() {
        holds.clear();
        for (Held h; (h = held.poll()) != null; ) {
            reply(h.command(), h.metadata());
        }
    }

    private record Held(Command command, MessageMetadata metadata) {
    }

    public List<Command> received(String orgId) {
        return received.stream().filter(c -> c.orgId().equals(orgId)).toList();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    answer(record);
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void answer(ConsumerRecord<String, byte[]> record) {
        MessageMetadata metadata = CloudEventHeaders.metadataOf(record.headers());
        Class<? extends Record> type = MessageTypes.classOf(metadata.type()).orElse(null);
        if (type == null || !Command.class.isAssignableFrom(type)) {
            return;
        }
        Command command = (Command) codec.decode(record.value(), type);
        received.add(command);
        if (holds.stream().anyMatch(h -> h.test(command))) {
            held.add(new Held(command, metadata));
            return;
        }
        reply(command, metadata);
    }

    private void reply(Command command, MessageMetadata metadata) {
        Reply reply = answers.getOrDefault(command.orgId() + "/" + command.getClass().getSimpleName(), null);
        if (reply == null) {
            reply = success(command);
        }
        Map<String, String> replyHeaders = headers.newMessage(MessageTypes.typeOf(reply.getClass()), command.orgId(),
                SagaRouting.replyTo(metadata));
        byte[] value = codec.encode(reply);
        producer.send(new ProducerRecord<>(metadata.replyTopic(), null, command.orgId(), value, CloudEventHeaders.toKafka(
                TestMessageKeys.authenticator().signed(metadata.replyTopic(), command.orgId(), value, replyHeaders))));
    }

    private static Reply success(Command command) {
        String suffix = Integer.toHexString(command.requestId().hashCode());
        if (command instanceof AcquireNumber) {
            return new NumberAcquired("+1510555" + String.format("%04d", Math.abs(command.requestId().hashCode()) % 10000),
                    "PN" + suffix, NumberAcquired.Source.PURCHASED);
        } else if (command instanceof CreateAssistant create) {
            return new AssistantCreated("asst-" + suffix, create.name());
        } else if (command instanceof RegisterPhoneNumber register) {
            return new PhoneNumberRegistered("vapi-" + suffix, register.phoneNumber(), register.assistantId());
        } else if (command instanceof SendApprovalEmail email) {
            return new EmailSent("approval", email.ownerEmail(), false);
        } else if (command instanceof SendFailureEmail email) {
            return new EmailSent("failure", email.ownerEmail(), false);
        } else if (command instanceof ReleaseNumber release) {
            return new NumberReleased(release.numberSid(), false);
        } else if (command instanceof AssignNumber assign) {
            return new NumberAssigned(assign.numberSid(), assign.phoneNumber(), assign.newOwner(), false);
        } else if (command instanceof DeleteAssistant delete) {
            return new AssistantDeleted(delete.assistantId(), false);
        } else if (command instanceof DeletePhoneNumberRegistration delete) {
            return new PhoneNumberRegistrationDeleted(delete.vapiPhoneNumberId(), false);
        } else if (command instanceof CreateFreePhoneNumber) {
            return new FreePhoneNumberCreated("vapi-free-" + suffix, "activating");
        } else if (command instanceof CheckPhoneNumber check) {
            return new PhoneNumberActive(check.vapiPhoneNumberId(),
                    "+1415555" + String.format("%04d", Math.abs(check.vapiPhoneNumberId().hashCode()) % 10000));
        }
        throw new IllegalArgumentException("No fake answer for " + command);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
