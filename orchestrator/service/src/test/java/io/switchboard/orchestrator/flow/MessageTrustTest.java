package io.switchboard.orchestrator.flow;

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
import io.switchboard.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the orchestrator believes from Kafka: only replies a worker tagged with the shared keyset move a saga, and an
 * upstream event is identified by ({@code ce_source}, {@code ce_id}) and must carry a usable CloudEvents identity.
 */
class MessageTrustTest extends OrchestratorOverKafkaContext {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final JsonCodec codec = new JsonCodec();
    private static KafkaTestClient kafka;

    @Autowired
    SagaStore sagas;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @BeforeAll
    static void topics() {
        TestInfrastructure.createTopics(6, Topics.all().toArray(String[]::new));
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aForgedOrAlteredReplyIsDeadLetteredAndMovesNoSaga() {
        String orgId = "forged-" + UUID.randomUUID().toString().substring(0, 8);
        SagaInstance saga = compensatedSagaWhoseAcquireTimedOut(orgId);
        NumberAcquired claim = new NumberAcquired("+15105550199", "PN-FORGED", NumberAcquired.Source.PURCHASED);
        Map<String, String> headers = replyHeaders(saga, orgId);
        String body = codec.encodeToString(claim);

        kafka.send(Topics.SAGA_REPLIES, orgId, headers, body);       // no sb_mac: anyone with write access
        Map<String, String> altered = new HashMap<>(
                io.switchboard.testsupport.TestMessageKeys.authenticator().signed(Topics.SAGA_REPLIES, orgId,
                        body.getBytes(StandardCharsets.UTF_8), replyHeaders(saga, orgId)));
        kafka.send(Topics.SAGA_REPLIES, orgId, altered, body.replace("PN-FORGED", "PN-OTHER"));  // genuine tag, other body

        List<ConsumerRecord<String, byte[]>> dead = deadLetters(Topics.SAGA_REPLIES, orgId, 2);
        assertThat(dead).extracting(r -> KafkaTestClient.header(r, Headers.DLQ_REASON))
                .containsExactlyInAnyOrder("unauthenticated: no sb_mac header",
                        "unauthenticated: sb_mac does not match the message (forged, altered, or tagged with a key "
                                + "this service does not hold)");
        assertThat(sagas.find(saga.id()).orElseThrow().state()).isEqualTo(SagaState.COMPENSATED);

        // The same reply tagged by a worker is believed: a late purchase reopens the saga to release the number.
        kafka.sendAuthentic(Topics.SAGA_REPLIES, orgId, replyHeaders(saga, orgId), body);
        await().atMost(WAIT).until(() -> sagas.find(saga.id()).orElseThrow().state() == SagaState.COMPENSATING);
    }

    @Test
    void aRedeliveredReplyChangesNothingTheSecondTime() {
        String orgId = "redelivered-" + UUID.randomUUID().toString().substring(0, 8);
        SagaInstance saga = compensatedSagaWhoseAcquireTimedOut(orgId);
        Map<String, String> headers = replyHeaders(saga, orgId);
        String body = codec.encodeToString(new NumberAcquired("+15105550198", "PN-TWICE", NumberAcquired.Source.PURCHASED));

        kafka.sendAuthentic(Topics.SAGA_REPLIES, orgId, headers, body);
        kafka.sendAuthentic(Topics.SAGA_REPLIES, orgId, headers, body);   // the same record again: same ce_id
        // A reply behind both on the partition proves both were consumed before we count.
        kafka.sendAuthentic(Topics.SAGA_REPLIES, orgId, replyHeaders(saga, orgId),
                codec.encodeToString(new NumberAcquired("+15105550198", "PN-TWICE", NumberAcquired.Source.PURCHASED)));
        await().atMost(WAIT).until(() -> sagas.find(saga.id()).orElseThrow().state() == SagaState.COMPENSATING);

        await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() ->
                assertThat(jdbc.queryForObject("select count(*) from outbox_message where message_key = ? and topic = ?",
                        Integer.class, orgId, Topics.TWILIO_COMMANDS)).as("one release of the late number").isEqualTo(1));
    }

    @Test
    void twoUpstreamsMayUseTheSameEventIdAndARedeliveryIsStillOneEvent() {
        String sharedId = "evt-" + UUID.randomUUID();
        String orgA = "src-a-" + UUID.randomUUID().toString().substring(0, 8);
        String orgB = "src-b-" + UUID.randomUUID().toString().substring(0, 8);

        kafka.publishEvent(Topics.ORG_EVENTS, "/upstream/admin-service", sharedId, OrganizationApproved.TYPE, orgA, approved(orgA));
        kafka.publishEvent(Topics.ORG_EVENTS, "/upstream/crm-sync", sharedId, OrganizationApproved.TYPE, orgB, approved(orgB));
        kafka.publishEvent(Topics.ORG_EVENTS, "/upstream/admin-service", sharedId, OrganizationApproved.TYPE, orgA, approved(orgA));

        await().atMost(WAIT).until(() -> !sagas.ofOrg(orgA).isEmpty()
                && !sagas.ofOrg(orgB).isEmpty());
        // The redelivery is behind the other two on org A's partition; give it time to (not) act.
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertThat(sagas.ofOrg(orgA)).hasSize(1);
        assertThat(sagas.ofOrg(orgB)).hasSize(1);
    }

    @Test
    void anEventWithoutAUsableCloudEventsIdentityIsDeadLetteredWithTheReason() {
        String orgId = "ce-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> valid = Map.of(Headers.CE_ID, "e-1", Headers.CE_TYPE, OrganizationApproved.TYPE,
                Headers.CE_SOURCE, "/upstream/admin-service", Headers.CE_SPECVERSION, "1.0", Headers.CE_SUBJECT, orgId);

        kafka.send(Topics.ORG_EVENTS, orgId, without(valid, Headers.CE_SOURCE), approved(orgId));
        kafka.send(Topics.ORG_EVENTS, orgId, with(valid, Headers.CE_ID, ""), approved(orgId));
        kafka.send(Topics.ORG_EVENTS, orgId, with(valid, Headers.CE_SPECVERSION, "0.3"), approved(orgId));
        kafka.send(Topics.ORG_EVENTS, orgId, with(valid, Headers.CE_TIME, "last tuesday"), approved(orgId));

        assertThat(deadLetters(Topics.ORG_EVENTS, orgId, 4)).extracting(r -> KafkaTestClient.header(r, Headers.DLQ_REASON))
                .containsExactlyInAnyOrder("missing or empty ce_source", "missing or empty ce_id",
                        "ce_specversion must be 1.0, got '0.3'", "ce_time 'last tuesday' is not an RFC 3339 timestamp");
        assertThat(sagas.ofOrg(orgId)).isEmpty();
    }

    private SagaInstance compensatedSagaWhoseAcquireTimedOut(String orgId) {
        OnboardingData data = OnboardingData.from(new OrganizationApproved(orgId, "Forged", "owner@forged.test",
                "verified", "US", "510", null));
        SagaInstance saga = new SagaInstance(UUID.randomUUID(), OnboardingSaga.TYPE, OnboardingSaga.VERSION, orgId,
                codec.encodeToString(data), Instant.now());
        SagaStep step = saga.addStep("acquire-number", Direction.ACTION, Instant.now());
        step.failed(StepFailed.TIMEOUT, "no reply within PT20S", false, Instant.now());
        saga.state(SagaState.COMPENSATED, Instant.now());
        sagas.save(saga);
        return saga;
    }

    private static Map<String, String> replyHeaders(SagaInstance saga, String orgId) {
        return new CloudEventHeaders("/tests/twilio-worker").newMessage(MessageTypes.typeOf(NumberAcquired.class), orgId,
                new SagaRouting(saga.id().toString(), "acquire-number", 1, null, UUID.randomUUID().toString(), null));
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String orgId, int count) {
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.readUntil(Topics.deadLetterOf(topic),
                records -> records.stream().filter(r -> orgId.equals(r.key())).count() >= count, WAIT);
        return dead.stream().filter(r -> orgId.equals(r.key())).toList();
    }

    private static String approved(String orgId) {
        return """
                {"orgId":"%s","orgName":"Trust","ownerEmail":"owner@%s.test","status":"verified","country":"US","areaCode":"510"}"""
                .formatted(orgId, orgId);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> headers, String name) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.remove(name);
        return copy;
    }
}
