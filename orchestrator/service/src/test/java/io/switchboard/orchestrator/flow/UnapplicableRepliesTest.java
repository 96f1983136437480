package io.switchboard.orchestrator.flow;

import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.MessageTypes;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.messaging.headers.SagaRouting;
import io.switchboard.orchestrator.kafka.KafkaTestClient;
import io.switchboard.orchestrator.onboarding.OnboardingData;
import io.switchboard.orchestrator.onboarding.OnboardingSaga;
import io.switchboard.saga.definition.Direction;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.SagaStep;
import io.switchboard.saga.runtime.SagaRuntime;
import io.switchboard.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Regressions found by the chaos run: a late success must be undone even while the organization already runs its
 * next saga, and a reply that cannot be applied is dead-lettered instead of blocking its partition forever.
 */
class UnapplicableRepliesTest extends OrchestratorOverKafkaContext {
    private final JsonCodec codec = new JsonCodec();

    @Autowired
    SagaRuntime runtime;
    @Autowired
    SagaStore sagas;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void topics() {
        TestInfrastructure.createTopics(6, Topics.all().toArray(String[]::new));
    }

    private SagaInstance givenSaga(String orgId, int version, SagaState state, String timedOutStep) {
        OnboardingData data = OnboardingData.from(new OrganizationApproved(orgId, "Late", "owner@late.test",
                "verified", "US", "510", null));
        SagaInstance saga = new SagaInstance(UUID.randomUUID(), OnboardingSaga.TYPE, version, orgId,
                codec.encodeToString(data), Instant.now());
        if (timedOutStep != null) {
            SagaStep step = saga.addStep(timedOutStep, Direction.ACTION, Instant.now());
            step.failed(StepFailed.TIMEOUT, "no reply within PT20S", false, Instant.now());
        }
        saga.state(state, Instant.now());
        sagas.save(saga);
        return saga;
    }

    @Test
    void aLateSuccessReopensTheFinishedSagaEvenWhileTheOrganizationsNextSagaRuns() {
        String orgId = "late-" + UUID.randomUUID().toString().substring(0, 8);
        SagaInstance finished = givenSaga(orgId, OnboardingSaga.VERSION, SagaState.COMPENSATED, "acquire-number");
        givenSaga(orgId, OnboardingSaga.VERSION, SagaState.RUNNING, null);

        transactions.executeWithoutResult(status -> runtime.onReply(finished.id(), "acquire-number", 1,
                new NumberAcquired("+15105550177", "PN-LATE", NumberAcquired.Source.PURCHASED)));

        assertThat(sagas.find(finished.id()).orElseThrow().state()).isEqualTo(SagaState.COMPENSATING);
        String release = jdbc.queryForObject("select convert_from(payload, 'UTF8') from outbox_message where topic = ? "
                + "and message_key = ? order by id desc limit 1", String.class, Topics.TWILIO_COMMANDS, orgId);
        assertThat(codec.decodeLenient(release, ReleaseNumber.class).numberSid()).isEqualTo("PN-LATE");
    }

    @Test
    void aReplyThatCannotBeAppliedIsDeadLetteredAndTheNextReplyOfThePartitionStillIs() {
        String orgId = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        SagaInstance unknownVersion = givenSaga(orgId, 99, SagaState.RUNNING, null);
        SagaInstance normal = givenSaga(orgId + "-b", OnboardingSaga.VERSION, SagaState.COMPENSATED, "acquire-number");

        try (KafkaTestClient kafka = new KafkaTestClient()) {
            sendReply(kafka, unknownVersion, orgId);
            sendReply(kafka, normal, orgId);  // same key: same partition, right behind the poison
        }

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.readUntil(Topics.deadLetterOf(Topics.SAGA_REPLIES),
                records -> records.stream().anyMatch(r -> orgId.equals(r.key())), Duration.ofSeconds(30));
        assertThat(dead).filteredOn(r -> orgId.equals(r.key())).singleElement()
                .satisfies(r -> assertThat(KafkaTestClient.header(r, Headers.DLQ_REASON))
                        .startsWith("reply cannot be applied").contains("v99"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                sagas.find(normal.id()).orElseThrow().state() == SagaState.COMPENSATING);
    }

    private void sendReply(KafkaTestClient kafka, SagaInstance saga, String key) {
        NumberAcquired reply = new NumberAcquired("+15105550178", "PN-" + saga.id(), NumberAcquired.Source.PURCHASED);
        Map<String, String> headers = new CloudEventHeaders("/tests/twilio-worker").newMessage(
                MessageTypes.typeOf(NumberAcquired.class), key,
                new SagaRouting(saga.id().toString(), "acquire-number", 1, null, UUID.randomUUID().toString(), null));
        kafka.sendAuthentic(Topics.SAGA_REPLIES, key, headers, codec.encodeToString(reply));
    }
}
