package io.switchboard.notifier;

import io.switchboard.contracts.commands.SendApprovalEmail;
import io.switchboard.contracts.replies.EmailSent;
import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.SagaRouting;
import io.switchboard.notifier.support.KafkaTestClient;
import io.switchboard.notifier.support.NotifierIntegrationTest;
import jakarta.mail.Multipart;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.switchboard.notifier.support.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

/** The worker as the orchestrator and ops see it: commands in, replies and dead letters out, over the real broker. */
class NotifierKafkaTest extends NotifierIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STEP = "send-approval-email";

    private final JsonCodec codec = new JsonCodec();
    private final CloudEventHeaders orchestratorHeaders = new CloudEventHeaders("/switchboard/orchestrator");
    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Test
    void anApprovalCommandOnTheTopicIsEmailedAndAnsweredOnTheReplyTopic() throws Exception {
        String sagaId = UUID.randomUUID().toString();
        String recipient = uniqueRecipient();
        SendApprovalEmail command = approval(sagaId, recipient);
        Map<String, String> headers = commandHeaders(sagaId, command);

        kafka.publish(Topics.NOTIFIER_COMMANDS, command.orgId(), codec.encode(command), headers);

        ConsumerRecord<String, byte[]> reply = awaitReplies(sagaId, 1).get(0);
        assertThat(header(reply, Headers.CE_TYPE)).isEqualTo(EmailSent.TYPE);
        assertThat(header(reply, Headers.CE_SOURCE)).isEqualTo("/switchboard/notifier");
        assertThat(header(reply, Headers.CE_SUBJECT)).isEqualTo(command.orgId());
        assertThat(header(reply, Headers.STEP)).isEqualTo(STEP);
        assertThat(header(reply, Headers.CAUSATION_ID)).isEqualTo(headers.get(Headers.CE_ID));
        assertThat(reply.key()).isEqualTo(command.orgId());
        assertThat(codec.decode(reply.value(), EmailSent.class)).isEqualTo(new EmailSent("approval", recipient, false));

        Multipart body = (Multipart) onlyMessageTo(recipient).getContent();
        assertThat((String) body.getBodyPart(0).getContent()).contains("Acme Kafka", "+14155550199");
    }

    @Test
    void aCommandDeliveredTwiceOverKafkaSendsOneEmailAndAnswersTheSecondAsDuplicate() throws Exception {
        String sagaId = UUID.randomUUID().toString();
        String recipient = uniqueRecipient();
        SendApprovalEmail command = approval(sagaId, recipient);

        kafka.publish(Topics.NOTIFIER_COMMANDS, command.orgId(), codec.encode(command), commandHeaders(sagaId, command));
        kafka.publish(Topics.NOTIFIER_COMMANDS, command.orgId(), codec.encode(command), commandHeaders(sagaId, command));

        List<EmailSent> replies = awaitReplies(sagaId, 2).stream()
                .map(r -> codec.decode(r.value(), EmailSent.class)).toList();
        // Same key, same partition: the second copy is handled after the first.
        assertThat(replies).containsExactly(new EmailSent("approval", recipient, false),
                new EmailSent("approval", recipient, true));
        assertThat(smtp().messagesTo(recipient)).hasSize(1);
    }

    @Test
    void aMalformedCommandIsDeadLetteredWithItsReasonAndTheNextCommandIsStillProcessed() throws Exception {
        String badSagaId = UUID.randomUUID().toString();
        String orgId = "org-" + badSagaId;
        Map<String, String> badHeaders = orchestratorHeaders.newMessage(SendApprovalEmail.TYPE, orgId,
                SagaRouting.command(badSagaId, STEP, 1, Topics.SAGA_REPLIES));
        kafka.publish(Topics.NOTIFIER_COMMANDS, orgId, "{\"orgId\": ".getBytes(StandardCharsets.UTF_8), badHeaders);

        String sagaId = UUID.randomUUID().toString();
        String recipient = uniqueRecipient();
        SendApprovalEmail good = new SendApprovalEmail(orgId, sagaId + ":" + STEP, "Acme Kafka", recipient,
                "+14155550199", "Acme Kafka inbound", "Acme Kafka outbound", "2026-03-05");
        kafka.publish(Topics.NOTIFIER_COMMANDS, orgId, codec.encode(good), commandHeaders(sagaId, good));

        ConsumerRecord<String, byte[]> parked = KafkaTestClient.await(Topics.deadLetterOf(Topics.NOTIFIER_COMMANDS),
                r -> badSagaId.equals(header(r, Headers.SAGA_ID)), 1, WAIT).get(0);
        assertThat(Topics.deadLetterOf(Topics.NOTIFIER_COMMANDS)).isEqualTo("switchboard.notifier-commands.v1.dlq");
        assertThat(header(parked, Headers.DLQ_REASON)).contains("not a valid SendApprovalEmail");
        assertThat(header(parked, Headers.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.NOTIFIER_COMMANDS);
        assertThat(header(parked, Headers.DLQ_CONSUMER_GROUP)).isEqualTo("switchboard-notifier");
        assertThat(header(parked, Headers.CE_ID)).isEqualTo(badHeaders.get(Headers.CE_ID));
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("{\"orgId\": ");

        assertThat(codec.decode(awaitReplies(sagaId, 1).get(0).value(), EmailSent.class))
                .isEqualTo(new EmailSent("approval", recipient, false));
        assertThat(onlyMessageTo(recipient).getSubject()).contains("+14155550199");
        // Same key, same partition: the bad command was handled before the good one, and answered nothing.
        assertThat(KafkaTestClient.readAll(Topics.SAGA_REPLIES))
                .noneMatch(r -> badSagaId.equals(header(r, Headers.SAGA_ID)));
    }

    private SendApprovalEmail approval(String sagaId, String recipient) {
        return new SendApprovalEmail("org-" + sagaId, sagaId + ":" + STEP, "Acme Kafka", recipient, "+14155550199",
                "Acme Kafka inbound", "Acme Kafka outbound", "2026-03-05T09:00:00Z");
    }

    private Map<String, String> commandHeaders(String sagaId, SendApprovalEmail command) {
        return orchestratorHeaders.newMessage(SendApprovalEmail.TYPE, command.orgId(),
                SagaRouting.command(sagaId, STEP, 1, Topics.SAGA_REPLIES));
    }

    private static List<ConsumerRecord<String, byte[]>> awaitReplies(String sagaId, int count) {
        return KafkaTestClient.await(Topics.SAGA_REPLIES, r -> sagaId.equals(header(r, Headers.SAGA_ID)), count, WAIT);
    }
}
