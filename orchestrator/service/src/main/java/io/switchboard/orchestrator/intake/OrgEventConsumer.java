package io.switchboard.orchestrator.intake;

import io.switchboard.contracts.events.OrganizationEvent;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.codec.MessageDecodingException;
import io.switchboard.messaging.deadletter.DeadLetterPublisher;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.MessageMetadata;
import io.switchboard.messaging.logging.LogContext;
import io.switchboard.saga.inbox.Inbox;
import io.switchboard.saga.replies.FailureKinds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Reads {@code switchboard.org-events.v1}. A message that is not a known event type, breaks the JSON Schema, or is
 * keyed by another organization, or lacks a CloudEvents identity ({@code ce_source} + {@code ce_id}, spec version 1.0,
 * a readable {@code ce_time}) is parked on the dead-letter topic with the reason; everything else is recorded and
 * applied exactly once per identity (inbox by {@code ce_source} and {@code ce_id}).
 */
public class OrgEventConsumer implements BatchMessageListener<String, byte[]> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OrgEventConsumer.class);
    static final String CONSUMER = "org-events";

    private final OrganizationEventIntake intake;
    private final EventSchemaValidator schemas;
    private final JsonCodec codec;
    private final Inbox inbox;
    private final DeadLetterPublisher deadLetters;
    private final TransactionTemplate transactions;

    public OrgEventConsumer(OrganizationEventIntake intake, EventSchemaValidator schemas, JsonCodec codec, Inbox inbox,
                            DeadLetterPublisher deadLetters, TransactionTemplate transactions) {
        this.intake = intake;
        this.schemas = schemas;
        this.codec = codec;
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
        OrganizationEvent event;
        try {
            event = decode(record, metadata);
        } catch (MessageDecodingException e) {
            deadLetters.publish(record, e.getMessage(), e);
            return;
        }
        String eventId = metadata.id();
        try (LogContext ignored = LogContext.of(null, event.orgId(), null)) {
            transactions.executeWithoutResult(status -> {
                if (inbox.firstDelivery(CONSUMER, metadata.source(), eventId)) {
                    intake.accept(metadata.source(), eventId, event);
                } else {
                    log.info("Event {} from {} was applied before; skipping the duplicate", eventId, metadata.source());
                }
            });
        } catch (RuntimeException e) {
            if (FailureKinds.transientFailure(e)) {
                throw e;
            }
            // Visible and redrivable on the DLQ, instead of blocking every later event of the partition.
            log.error("Event {} for org {} cannot be applied; dead-lettering it", eventId, event.orgId(), e);
            deadLetters.publish(record, "event cannot be applied: " + FailureKinds.describe(e), e);
        }
    }

    private OrganizationEvent decode(ConsumerRecord<String, byte[]> record, MessageMetadata metadata) {
        // An event's identity is (ce_source, ce_id): without both it can be neither deduplicated nor traced.
        metadata.cloudEventProblem().ifPresent(problem -> {
            throw new MessageDecodingException(problem);
        });
        Class<? extends Record> type = MessageTypes.classOf(metadata.type())
                .filter(OrganizationEvent.class::isAssignableFrom)
                .orElseThrow(() -> new MessageDecodingException(
                        "ce_type '" + metadata.type() + "' is not an organization event"));
        if (record.value() == null) {
            throw new MessageDecodingException("empty message body");
        }
        schemas.violations(metadata.type(), record.value()).ifPresent(violations -> {
            throw new MessageDecodingException("schema violation: " + violations);
        });
        OrganizationEvent event = (OrganizationEvent) codec.decode(record.value(), type);
        if (record.key() == null || !record.key().equals(event.orgId())) {
            throw new MessageDecodingException("record key '" + record.key() + "' must be the orgId '" + event.orgId() + "'");
        }
        return event;
    }
}
