package io.switchboard.messaging;

import io.switchboard.contracts.wire.Headers;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.MessageMetadata;
import io.switchboard.messaging.headers.SagaRouting;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CloudEventHeadersTest {
    private final CloudEventHeaders headers = new CloudEventHeaders("/switchboard/test",
            Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aCommandCarriesCloudEventsAndSagaHeadersThatReadBackUnchanged() {
        Map<String, String> written = headers.newMessage("id-1", "io.switchboard.command.X.v1", "org-42",
                SagaRouting.command("saga-1", "acquire-number", 2, "switchboard.saga-replies.v1",
                        Instant.parse("2026-11-23T10:01:00Z")));

        assertThat(written).containsEntry(Headers.CE_SPECVERSION, "1.0")
                .containsEntry(Headers.CE_SOURCE, "/switchboard/test")
                .containsEntry(Headers.CE_TIME, "2026-11-23T10:00:00Z")
                .containsEntry(Headers.CONTENT_TYPE, "application/json")
                .containsEntry(Headers.DEADLINE, "2026-11-23T10:01:00Z");
        MessageMetadata read = CloudEventHeaders.metadataOf(CloudEventHeaders.toKafka(written));
        assertThat(read).isEqualTo(new MessageMetadata("id-1", "io.switchboard.command.X.v1", "/switchboard/test",
                "1.0", "org-42", "2026-11-23T10:00:00Z", "saga-1", "acquire-number", 2, "switchboard.saga-replies.v1", null,
                Instant.parse("2026-11-23T10:01:00Z")));
        assertThat(read.writtenAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(read.belongsToSaga()).isTrue();
        assertThat(read.cloudEventProblem()).isEmpty();
    }

    @Test
    void anEventIsIdentifiedBySourceAndIdAndMustCarryBoth() {
        assertThat(problem(Map.of(Headers.CE_SOURCE, "/upstream", Headers.CE_SPECVERSION, "1.0")))
                .contains("missing or empty ce_id");
        assertThat(problem(Map.of(Headers.CE_ID, " ", Headers.CE_SOURCE, "/upstream", Headers.CE_SPECVERSION, "1.0")))
                .contains("missing or empty ce_id");
        assertThat(problem(Map.of(Headers.CE_ID, "e-1", Headers.CE_SPECVERSION, "1.0")))
                .contains("missing or empty ce_source");
        assertThat(problem(Map.of(Headers.CE_ID, "e-1", Headers.CE_SOURCE, "", Headers.CE_SPECVERSION, "1.0")))
                .contains("missing or empty ce_source");
        assertThat(problem(Map.of(Headers.CE_ID, "e-1", Headers.CE_SOURCE, "/upstream", Headers.CE_SPECVERSION, "0.3")))
                .contains("ce_specversion must be 1.0, got '0.3'");
        assertThat(problem(Map.of(Headers.CE_ID, "e-1", Headers.CE_SOURCE, "/upstream")))
                .contains("ce_specversion must be 1.0, got 'null'");
        assertThat(problem(Map.of(Headers.CE_ID, "e-1", Headers.CE_SOURCE, "/upstream", Headers.CE_SPECVERSION, "1.0",
                Headers.CE_TIME, "yesterday"))).contains("ce_time 'yesterday' is not an RFC 3339 timestamp");
        assertThat(problem(Map.of(Headers.CE_ID, "e-1", Headers.CE_SOURCE, "/upstream", Headers.CE_SPECVERSION, "1.0",
                Headers.CE_TIME, "2026-11-23T10:00:00Z"))).isEmpty();
        // ce_time is optional in CloudEvents.
        assertThat(problem(Map.of(Headers.CE_ID, "e-1", Headers.CE_SOURCE, "/upstream", Headers.CE_SPECVERSION, "1.0")))
                .isEmpty();
    }

    private static java.util.Optional<String> problem(Map<String, String> written) {
        return CloudEventHeaders.metadataOf(CloudEventHeaders.toKafka(written)).cloudEventProblem();
    }

    @Test
    void aReplyPointsBackAtItsCommand() {
        MessageMetadata command = new MessageMetadata("cmd-1", "t", "s", "1.0", "org", "now", "saga-1", "step", 3, "r", null, null);
        SagaRouting reply = SagaRouting.replyTo(command);
        assertThat(reply.causationId()).isEqualTo("cmd-1");
        assertThat(reply.attempt()).isEqualTo(3);
    }

    @Test
    void missingOrGarbledHeadersReadAsAbsentNotAsErrors() {
        RecordHeaders garbled = new RecordHeaders();
        garbled.add(Headers.ATTEMPT, "two".getBytes());
        garbled.add(Headers.DEADLINE, "tomorrow".getBytes());
        MessageMetadata read = CloudEventHeaders.metadataOf(garbled);
        assertThat(read.attempt()).isZero();
        assertThat(read.deadline()).isNull();
        assertThat(read.type()).isNull();
        assertThat(read.belongsToSaga()).isFalse();
    }
}
