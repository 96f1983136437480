package io.switchboard.messaging.worker;

import io.switchboard.contracts.commands.Command;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.authentication.MessageAuthenticator;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.codec.MessageDecodingException;
import io.switchboard.messaging.deadletter.DeadLetterPublisher;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.MessageMetadata;
import io.switchboard.messaging.headers.SagaRouting;
import io.switchboard.messaging.logging.LogContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The runtime of every worker: decodes each command of a polled batch, runs its handler, and sends the reply.
 * Commands of a batch run in parallel on the dispatcher's executor, except that commands sharing a {@code requestId}
 * (attempts of one step) run one after another in their order on the topic, so look-before-create stays sound. The
 * batch's offsets are committed only after every reply is acknowledged by the broker, so a crash repeats commands
 * (which handlers absorb by {@code requestId}) but never loses one. Anything that cannot be understood is parked on
 * the dead-letter topic and the batch goes on.
 */
public class CommandDispatcher {
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final int MAX_ERROR_MESSAGE = 500;

    private final CommandHandlers handlers;
    private final JsonCodec codec;
    private final CloudEventHeaders headers;
    private final MessageAuthenticator authenticator;
    private final KafkaTemplate<String, byte[]> kafka;
    private final DeadLetterPublisher deadLetters;
    private final Duration replyTimeout;
    private final Duration callMargin;
    private final Clock clock;
    private final Executor executor;

    /**
     * @param callMargin how long before a command's {@code sb_deadline} the worker stops starting provider calls for
     *                   it (see {@link CommandDeadline})
     * @param executor   runs the commands of a batch; {@code Runnable::run} runs them one after another
     */
    public CommandDispatcher(CommandHandlers handlers, JsonCodec codec, CloudEventHeaders headers,
                             MessageAuthenticator authenticator, KafkaTemplate<String, byte[]> kafka, DeadLetterPublisher deadLetters, Duration replyTimeout,
                             Duration callMargin, Clock clock, Executor executor) {
        this.handlers = handlers;
        this.codec = codec;
        this.headers = headers;
        this.authenticator = authenticator;
        this.kafka = kafka;
        this.deadLetters = deadLetters;
        this.replyTimeout = replyTimeout;
        this.callMargin = callMargin;
        this.clock = clock;
        this.executor = executor;
    }

    public void dispatch(List<ConsumerRecord<String, byte[]>> batch) {
        Map<String, List<Received>> byRequest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            MessageMetadata metadata = CloudEventHeaders.metadataOf(record.headers());
            try {
                Command command = decode(record, metadata);
                byRequest.computeIfAbsent(command.requestId(), id -> new ArrayList<>()).add(new Received(command, metadata));
            } catch (MessageDecodingException e) {
                deadLetters.publish(record, e.getMessage(), e);
            }
        }
        List<CompletableFuture<?>> replies = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> running = new ArrayList<>(byRequest.size());
        for (List<Received> attempts : byRequest.values()) {
            running.add(CompletableFuture.runAsync(() -> attempts.forEach(r -> replies.add(executeAndReply(r))), executor));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                    .get(replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Throwing makes the container redeliver the batch; handlers are idempotent by requestId.
            throw new IllegalStateException("Commands of a batch were not all executed and their replies acknowledged", e);
        }
    }

    /** A decoded command with what its headers say. */
    private record Received(Command command, MessageMetadata metadata) {
    }

    private CompletableFuture<?> executeAndReply(Received received) {
        try (LogContext ignored = LogContext.of(received.metadata().sagaId(), received.command().orgId(),
                received.metadata().step())) {
            Reply reply = execute(received.command(), received.metadata());
            return sendReply(received.command(), received.metadata(), reply);
        }
    }

    private Command decode(ConsumerRecord<String, byte[]> record, MessageMetadata metadata) {
        // Nothing of an unauthenticated record is read: only the orchestrator's commands may move a worker.
        if (authenticator.verify(record.topic(), record.key(), record.value(), record.headers())
                instanceof MessageAuthenticator.Verdict.Rejected rejected) {
            throw new MessageDecodingException(rejected.reason());
        }
        metadata.cloudEventProblem().ifPresent(problem -> {
            throw new MessageDecodingException(problem);
        });
        Class<? extends Record> type = MessageTypes.classOf(metadata.type())
                .orElseThrow(() -> new MessageDecodingException("unknown ce_type '" + metadata.type() + "'"));
        if (!Command.class.isAssignableFrom(type)) {
            throw new MessageDecodingException("ce_type '" + metadata.type() + "' is not a command");
        }
        @SuppressWarnings("unchecked")
        Class<? extends Command> commandType = (Class<? extends Command>) type;
        if (handlers.forType(commandType).isEmpty()) {
            throw new MessageDecodingException("this worker does not handle " + commandType.getSimpleName());
        }
        if (!metadata.belongsToSaga() || metadata.step() == null) {
            throw new MessageDecodingException("missing saga headers (sb_saga_id, sb_step)");
        }
        Command command = codec.decode(record.value(), commandType);
        if (isBlank(command.orgId()) || isBlank(command.requestId())) {
            throw new MessageDecodingException("orgId and requestId are required");
        }
        if (record.key() != null && !record.key().equals(command.orgId())) {
            throw new MessageDecodingException("record key '" + record.key() + "' is not the command's orgId");
        }
        return command;
    }

    private <C extends Command> Reply execute(C command, MessageMetadata metadata) {
        @SuppressWarnings("unchecked")
        Class<C> type = (Class<C>) command.getClass();
        CommandHandler<C> handler = handlers.forType(type).orElseThrow();
        CommandContext context = new CommandContext(metadata.sagaId(), metadata.step(), metadata.attempt(), metadata.id());
        Instant latestStart = CommandDeadline.latestStart(metadata.writtenAt(), metadata.deadline(), callMargin);
        if (latestStart != null && clock.instant().isAfter(latestStart)) {
            // The saga has given up on (or is about to give up on) this attempt: acting now would happen behind its back.
            // But an earlier delivery may have acted (its worker died before replying): say so, and the saga undoes it.
            Optional<Reply> earlier = earlierEffect(handler, command, context);
            if (earlier.isPresent()) {
                log.warn("Not executing {} attempt={}: it arrived after its latest start {}, but an earlier delivery of "
                        + "it had an effect; reporting {} so that the saga undoes it", type.getSimpleName(),
                        metadata.attempt(), latestStart, earlier.get().getClass().getSimpleName());
                return earlier.get();
            }
            log.warn("Not executing {} attempt={}: it arrived after its latest start {} (saga deadline {})",
                    type.getSimpleName(), metadata.attempt(), latestStart, metadata.deadline());
            return new StepFailed(StepFailed.COMMAND_NOT_STARTED, truncate("Command not started: it arrived after its "
                    + "latest start " + latestStart + " (saga deadline " + metadata.deadline() + ")"), true, "switchboard", null);
        }
        long started = System.nanoTime();
        try {
            Reply reply = CommandDeadline.runWithin(latestStart, () -> handler.handle(command, context));
            log.info("Executed {} attempt={} outcome={} in {} ms", type.getSimpleName(), metadata.attempt(),
                    reply.getClass().getSimpleName(), (System.nanoTime() - started) / 1_000_000);
            return reply;
        } catch (CommandExpiredException e) {
            log.warn("Stopped {} attempt={} before its next provider call: {}", type.getSimpleName(),
                    metadata.attempt(), e.getMessage());
            return expired(e.getMessage());
        } catch (RuntimeException e) {
            // A bug or an unexpected provider answer: report it as retryable so the saga's policy decides.
            log.error("Handler for {} failed unexpectedly", type.getSimpleName(), e);
            return new StepFailed("INTERNAL_ERROR", truncate(e.getClass().getSimpleName() + ": " + e.getMessage()),
                    true, "switchboard", null);
        }
    }

    private <C extends Command> Optional<Reply> earlierEffect(CommandHandler<C> handler, C command, CommandContext context) {
        try {
            return handler.earlierEffect(command, context);
        } catch (RuntimeException e) {
            log.error("Could not look up what earlier deliveries of {} did; if one had an effect, reconciliation "
                    + "reports it", command.getClass().getSimpleName(), e);
            return Optional.empty();
        }
    }

    private static StepFailed expired(String why) {
        return new StepFailed(StepFailed.COMMAND_EXPIRED, truncate("Command expired: " + why), true, "switchboard", null);
    }

    private CompletableFuture<?> sendReply(Command command, MessageMetadata metadata, Reply reply) {
        String replyTopic = isBlank(metadata.replyTopic()) ? Topics.SAGA_REPLIES : metadata.replyTopic();
        Map<String, String> replyHeaders = headers.newMessage(
                MessageTypes.typeOf(reply.getClass()), command.orgId(), SagaRouting.replyTo(metadata));
        byte[] value = codec.encode(reply);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(replyTopic, null, command.orgId(), value,
                CloudEventHeaders.toKafka(authenticator.signed(replyTopic, command.orgId(), value, replyHeaders)));
        return kafka.send(record);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String truncate(String message) {
        return message.length() <= MAX_ERROR_MESSAGE ? message : message.substring(0, MAX_ERROR_MESSAGE) + "…";
    }
}
