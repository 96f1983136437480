package io.switchboard.saga.replies;

import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.messaging.authentication.MessageAuthenticator;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.codec.MessageDecodingException;
import io.switchboard.messaging.deadletter.DeadLetterPublisher;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.MessageMetadata;
import io.switchboard.saga.runtime.SagaConflicts;
import io.switchboard.saga.runtime.SagaRuntime;
import io.switchboard.saga.runtime.UnknownSagaException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

/**
 * Reads workers' replies and applies each to its saga exactly once. A reply without a valid {@code sb_mac} (not
 * written by a worker holding the shared keyset) is dead-lettered without being read.
 */
public class ReplyConsumer implements BatchMessageListener<String, byte[]> {
    private static final Logger log = LoggerFactory.getLogger(ReplyConsumer.class);
    private static final int CONFLICT_RETRIES = 5;

    private final SagaRuntime runtime;
    private final JsonCodec codec;
    private final MessageAuthenticator authenticator;
    private final DeadLetterPublisher deadLetters;
    private final TransactionTemplate transactions;

    public ReplyConsumer(SagaRuntime runtime, JsonCodec codec, MessageAuthenticator authenticator,
                         DeadLetterPublisher deadLetters, TransactionTemplate transactions) {
        this.runtime = runtime;
        this.codec = codec;
        this.authenticator = authenticator;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
    }

    /** A reply that passed authentication and decoding. */
    private record Applicable(ConsumerRecord<String, byte[]> record, MessageMetadata metadata, UUID sagaId, Reply reply) {
    }

    /**
     * The replies of one poll are applied in one transaction (one commit for the lot); if that fails for a reason other
     * than an unreachable database, they are applied again one per transaction, so only the reply that cannot be
     * applied is parked. No inbox: applying a reply is idempotent by itself (a reply for an attempt that is no longer
     * current, or for a step that already finished, changes nothing), so a redelivery costs a read, not a row.
     */
    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        List<Applicable> applicable = new java.util.ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            MessageMetadata metadata = CloudEventHeaders.metadataOf(record.headers());
            try {
                authenticate(record, metadata);
                applicable.add(new Applicable(record, metadata, sagaId(metadata), decode(record, metadata)));
            } catch (MessageDecodingException e) {
                deadLetters.publish(record, e.getMessage(), e);
            }
        }
        if (applicable.size() > 1) {
            try {
                transactions.executeWithoutResult(status -> applicable.forEach(this::apply));
                return;
            } catch (RuntimeException e) {
                if (FailureKinds.transientFailure(e) && !SagaConflicts.isConflict(e)) {
                    throw e;
                }
                log.warn("A batch of {} replies could not be applied together ({}); applying them one by one",
                        applicable.size(), FailureKinds.describe(e));
            }
        }
        applicable.forEach(this::applyAlone);
    }

    private void apply(Applicable a) {
        runtime.onReply(a.sagaId(), a.metadata().step(), a.metadata().attempt(), a.reply());
    }

    private void applyAlone(Applicable a) {
        try {
            SagaConflicts.retrying(CONFLICT_RETRIES, () -> {
                transactions.executeWithoutResult(status -> apply(a));
                return null;
            });
        } catch (UnknownSagaException e) {
            deadLetters.publish(a.record(), e.getMessage(), e);
        } catch (RuntimeException e) {
            if (FailureKinds.transientFailure(e)) {
                throw e;
            }
            // Parking is safe for a reply: the step's durable timeout resends the command, which the worker absorbs.
            log.error("Reply for saga {} step {} cannot be applied; dead-lettering it", a.sagaId(), a.metadata().step(), e);
            deadLetters.publish(a.record(), "reply cannot be applied: " + FailureKinds.describe(e), e);
        }
    }

    /** Only a worker's reply may move a saga: nothing of an unauthenticated record is read. */
    private void authenticate(ConsumerRecord<String, byte[]> record, MessageMetadata metadata) {
        if (authenticator.verify(record.topic(), record.key(), record.value(), record.headers())
                instanceof MessageAuthenticator.Verdict.Rejected rejected) {
            throw new MessageDecodingException(rejected.reason());
        }
        metadata.cloudEventProblem().ifPresent(problem -> {
            throw new MessageDecodingException(problem);
        });
    }

    private static UUID sagaId(MessageMetadata metadata) {
        if (!metadata.belongsToSaga() || metadata.step() == null || metadata.id() == null) {
            throw new MessageDecodingException("reply lacks ce_id, sb_saga_id or sb_step");
        }
        try {
            return UUID.fromString(metadata.sagaId());
        } catch (IllegalArgumentException e) {
            throw new MessageDecodingException("sb_saga_id '" + metadata.sagaId() + "' is not a saga id");
        }
    }

    private Reply decode(ConsumerRecord<String, byte[]> record, MessageMetadata metadata) {
        Class<? extends Record> type = MessageTypes.classOf(metadata.type())
                .filter(Reply.class::isAssignableFrom)
                .orElseThrow(() -> new MessageDecodingException("ce_type '" + metadata.type() + "' is not a reply"));
        return (Reply) codec.decode(record.value(), type);
    }
}
