package io.switchboard.saga.replies;

import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.messaging.authentication.MessageAuthenticator;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.codec.MessageDecodingException;
import io.switchboard.messaging.deadletter.DeadLetterPublisher;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.MessageMetadata;
import io.switchboard.saga.inbox.Inbox;
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
    static final String CONSUMER = "saga-replies";

    private final SagaRuntime runtime;
    private final JsonCodec codec;
    private final MessageAuthenticator authenticator;
    private final Inbox inbox;
    private final DeadLetterPublisher deadLetters;
    private final TransactionTemplate transactions;

    public ReplyConsumer(SagaRuntime runtime, JsonCodec codec, MessageAuthenticator authenticator, Inbox inbox,
                         DeadLetterPublisher deadLetters, TransactionTemplate transactions) {
        this.runtime = runtime;
        this.codec = codec;
        this.authenticator = authenticator;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        records.forEach(this::process);
    }

    private void process(ConsumerRecord<String, byte[]> record) {
        MessageMetadata metadata = CloudEventHeaders.metadataOf(record.headers());
        UUID sagaId;
        Reply reply;
        try {
            authenticate(record, metadata);
            sagaId = sagaId(metadata);
            reply = decode(record, metadata);
        } catch (MessageDecodingException e) {
            deadLetters.publish(record, e.getMessage(), e);
            return;
        }
        try {
            transactions.executeWithoutResult(status -> {
                if (inbox.firstDelivery(CONSUMER, metadata.source(), metadata.id())) {
                    runtime.onReply(sagaId, metadata.step(), metadata.attempt(), reply);
                }
            });
        } catch (UnknownSagaException e) {
            deadLetters.publish(record, e.getMessage(), e);
        } catch (RuntimeException e) {
            if (FailureKinds.transientFailure(e)) {
                throw e;
            }
            // Parking is safe for a reply: the step's durable timeout resends the command, which the worker absorbs.
            log.error("Reply for saga {} step {} cannot be applied; dead-lettering it", sagaId, metadata.step(), e);
            deadLetters.publish(record, "reply cannot be applied: " + FailureKinds.describe(e), e);
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
