package io.switchboard.orchestrator.intake;

import io.switchboard.contracts.sagaevents.SagaEvent;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.saga.outbox.OutboxWriter;

import java.time.Clock;

/**
 * Tells observers of {@code switchboard.saga-events.v1} that an event or ops request started no saga, and why
 * ({@link SagaEvent.Kind#EventIgnored}), so an upstream service learns it without reading the orchestrator's log.
 * Written to the outbox in the intake's transaction: sent if and only if the decision commits.
 */
public class IgnoredEvents {
    static final String STATE = "IGNORED";

    private final OutboxWriter outbox;
    private final CloudEventHeaders headers;
    private final JsonCodec codec;
    private final Clock clock;

    public IgnoredEvents(OutboxWriter outbox, CloudEventHeaders headers, JsonCodec codec, Clock clock) {
        this.outbox = outbox;
        this.headers = headers;
        this.codec = codec;
        this.clock = clock;
    }

    void publish(String orgId, String eventId, String reason) {
        SagaEvent event = new SagaEvent(SagaEvent.Kind.EventIgnored, null, null, orgId, null, STATE, reason,
                clock.instant().toString(), eventId);
        outbox.write(Topics.SAGA_EVENTS, orgId, headers.newMessage(SagaEvent.Kind.EventIgnored.ceType(), orgId, null),
                codec.encode(event));
    }
}
