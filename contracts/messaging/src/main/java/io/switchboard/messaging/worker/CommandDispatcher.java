package io.switchboard.messaging.worker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the commands of a worker: decodes each record, runs its handler, and sends the reply. Every record becomes one
 * unit of work that completes once its outcome is safely on the broker: the reply acknowledged, or — for anything that
 * cannot be understood — the record parked on the dead-letter topic. A send the broker does not acknowledge is tried
 * again every {@code redeliveryBackoff} (the same reply, the handler is not run again) until it is, or until the
 * dispatcher stops; the caller commits a record's offset only after its unit completed, so nothing is lost.
 * <p>
 * Units run on the dispatcher's executor, which bounds how many run at once. Units of commands sharing a
 * {@code requestId} (attempts of one step) run one after another in the order they were submitted — topic order —
 * so look-before-create stays sound; a waiting attempt takes no executor thread until its predecessor ended.
 * {@link CommandPipeline} submits records as the consumer polls them; {@link #dispatch} runs a batch and waits.
 */
public class CommandDispatcher {
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final int MAX_ERROR_MESSAGE = 500;
    private static final Duration DEFAULT_REDELIVERY_BACKOFF = Duration.ofSeconds(1);

    private final CommandHandlers handlers;
    private final JsonCodec codec;
    private final CloudEventHeaders headers;
    private final MessageAuthenticator authenticator;
    private final KafkaTemplate<String, byte[]> kafka;
    private final DeadLetterPublisher deadLetters;
    private final Duration replyTimeout;
    private final Duration callMargin;
    private final Duration redeliveryBackoff;
    private final Clock clock;
    private final Executor executor;
    private final CommandMetrics metrics;
    /** The last submitted unit of each request that has one not yet completed. */
    private final ConcurrentMap<String, CompletableFuture<Void>> lastOfRequest = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /**
     * @param callMargin        how long before a command's {@code sb_deadline} the worker stops starting provider calls
     *                          for it (see {@link CommandDeadline})
     * @param redeliveryBackoff pause before a reply or dead letter the broker did not acknowledge is sent again
     * @param executor          runs the units; it decides how many run at once ({@code Runnable::run}: one after another
     *                          on the submitting thread)
     * @param metrics           where each executed command's time and its provider calls' time are recorded
     */
    public CommandDispatcher(CommandHandlers handlers, JsonCodec codec, CloudEventHeaders headers,
                             MessageAuthenticator authenticator, KafkaTemplate<String, byte[]> kafka,
                             DeadLetterPublisher deadLetters, Duration replyTimeout, Duration callMargin,
                             Duration redeliveryBackoff, Clock clock, Executor executor, CommandMetrics metrics) {
        this.handlers = handlers;
        this.codec = codec;
        this.headers = headers;
        this.authenticator = authenticator;
        this.kafka = kafka;
        this.deadLetters = deadLetters;
        this.replyTimeout = replyTimeout;
        this.callMargin = callMargin;
        this.redeliveryBackoff = redeliveryBackoff;
        this.clock = clock;
        this.executor = executor;
        this.metrics = metrics;
    }

    /** With the default pause (1 s) before a send is tried again, and metrics kept to itself. */
    public CommandDispatcher(CommandHandlers handlers, JsonCodec codec, CloudEventHeaders headers,
                             MessageAuthenticator authenticator, KafkaTemplate<String, byte[]> kafka, DeadLetterPublisher deadLetters, Duration replyTimeout,
                             Duration callMargin, Clock clock, Executor executor) {
        this(handlers, codec, headers, authenticator, kafka, deadLetters, replyTimeout, callMargin,
                DEFAULT_REDELIVERY_BACKOFF, clock, executor,
                new CommandMetrics(new SimpleMeterRegistry(), "worker"));
    }

    /**
     * Runs a batch and returns when every record's unit completed (tests and tools that drive a dispatcher without
     * a container); throws if one did not, so the caller redelivers the batch.
     */
    public void dispatch(List<ConsumerRecord<String, byte[]>> batch) {
        List<CompletableFuture<Void>> units = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            units.add(submit(record));
        }
        try {
            CompletableFuture.allOf(units.toArray(CompletableFuture[]::new)).join();
        } catch (Exception e) {
            throw new IllegalStateException("Commands of a batch were not all executed and their replies acknowledged", e);
        }
    }

    /**
     * Decodes the record on the calling thread (cheap: a MAC and a JSON read) and schedules its unit.
     *
     * @return completes when the reply (or the dead letter) is acknowledged by the broker; completes exceptionally
     *         only when the dispatcher stopped first
     */
    public CompletableFuture<Void> submit(ConsumerRecord<String, byte[]> record) {
        MessageMetadata metadata;
        Command command;
        try {
            metadata = CloudEventHeaders.metadataOf(record.headers());
            command = decode(record, metadata);
        } catch (MessageDecodingException e) {
            return deadLetter(record, e.getMessage(), e);
        } catch (RuntimeException e) {
            // Not a known kind of bad input, but unreadable all the same: parked with the reason, never retried in a
            // loop (that would hold the partition's commit at this record for good).
            log.error("Could not read command at offset {} of {}-{}", record.offset(), record.topic(), record.partition(), e);
            return deadLetter(record, truncate("unreadable: " + e), e);
        }
        Received received = new Received(command, metadata);
        return afterEarlierAttempts(command.requestId(), () -> executeAndReply(received));
    }

    private CompletableFuture<Void> deadLetter(ConsumerRecord<String, byte[]> record, String reason, Throwable cause) {
        return CompletableFuture.runAsync(() -> untilAcknowledged("dead letter",
                () -> deadLetters.publish(record, reason, cause)), executor);
    }

    /** Stops re-sending unacknowledged replies and dead letters; their records stay uncommitted. */
    public void stop() {
        stopped = true;
    }

    /** Chains the unit behind the request's previous one, if that one has not completed yet. */
    private CompletableFuture<Void> afterEarlierAttempts(String requestId, Runnable unit) {
        List<CompletableFuture<Void>> mine = new ArrayList<>(1);
        lastOfRequest.compute(requestId, (id, previous) -> {
            CompletableFuture<Void> next = previous == null ? CompletableFuture.runAsync(unit, executor)
                    : previous.handle((ignored, failure) -> null).thenRunAsync(unit, executor);
            mine.add(next);
            return next;
        });
        CompletableFuture<Void> next = mine.get(0);
        next.whenComplete((ignored, failure) -> lastOfRequest.remove(requestId, next));
        return next;
    }

    /** A decoded command with what its headers say. */
    private record Received(Command command, MessageMetadata metadata) {
    }

    private void executeAndReply(Received received) {
        try (LogContext ignored = LogContext.of(received.metadata().sagaId(), received.command().orgId(),
                received.metadata().step())) {
            Reply reply = execute(received.command(), received.metadata());
            ProducerRecord<String, byte[]> record = replyRecord(received.command(), received.metadata(), reply);
            untilAcknowledged("reply", () -> {
                try {
                    kafka.send(record).get(replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sending the reply", e);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("reply not acknowledged by the broker: " + e.getMessage(), e);
                }
            });
        }
    }

    /**
     * Repeats a send until the broker acknowledged it. Not skipping is what keeps "no reply lost": the record's
     * offset is not committed meanwhile, so a crash redelivers the command.
     */
    private void untilAcknowledged(String what, Runnable send) {
        while (true) {
            try {
                send.run();
                return;
            } catch (RuntimeException e) {
                if (stopped || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                log.warn("Could not send {} ({}); trying again in {} ms", what, e.getMessage(),
                        redeliveryBackoff.toMillis());
                try {
                    Thread.sleep(redeliveryBackoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
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
        try (ProviderCallTime.Tally provider = ProviderCallTime.start()) {
            Reply reply = CommandDeadline.runWithin(latestStart, () -> handler.handle(command, context));
            Duration handling = Duration.ofNanos(System.nanoTime() - started);
            String outcome = reply instanceof StepFailed failed ? failed.errorCode() : reply.getClass().getSimpleName();
            metrics.record(type.getSimpleName(), outcome, handling, provider.total());
            log.info("Executed {} attempt={} outcome={} in {} ms ({} ms in {} provider calls)", type.getSimpleName(),
                    metadata.attempt(), reply.getClass().getSimpleName(), handling.toMillis(),
                    provider.total().toMillis(), provider.calls());
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

    private ProducerRecord<String, byte[]> replyRecord(Command command, MessageMetadata metadata, Reply reply) {
        String replyTopic = isBlank(metadata.replyTopic()) ? Topics.SAGA_REPLIES : metadata.replyTopic();
        Map<String, String> replyHeaders = headers.newMessage(
                MessageTypes.typeOf(reply.getClass()), command.orgId(), SagaRouting.replyTo(metadata));
        byte[] value = codec.encode(reply);
        return new ProducerRecord<>(replyTopic, null, command.orgId(), value,
                CloudEventHeaders.toKafka(authenticator.signed(replyTopic, command.orgId(), value, replyHeaders)));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String truncate(String message) {
        return message.length() <= MAX_ERROR_MESSAGE ? message : message.substring(0, MAX_ERROR_MESSAGE) + "…";
    }
}
