package io.switchboard.adapters.twilio;

import io.switchboard.contracts.commands.AcquireNumber;
import io.switchboard.contracts.commands.AssignNumber;
import io.switchboard.contracts.commands.NumberOwner;
import io.switchboard.contracts.commands.ReleaseNumber;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.NumberAssigned;
import io.switchboard.contracts.replies.NumberReleased;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.contracts.wire.Headers;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.messaging.headers.CloudEventHeaders;
import io.switchboard.sim.twilio.TwilioSimulator;
import io.switchboard.testsupport.SwitchboardTestProperties;
import io.switchboard.testsupport.TestInfrastructure;
import io.switchboard.testsupport.WorkerKafkaClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_ACCOUNT_SID;
import static io.switchboard.sim.twilio.TwilioSimulatorConfig.DEFAULT_AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole worker application over the real Kafka broker and the Twilio simulator. */
@SpringBootTest(classes = TwilioWorkerApplication.class, properties = TwilioWorkerApplication.CONFIG_NAME)
class TwilioWorkerKafkaTest {
    private static final TwilioSimulator simulator = TwilioSimulator.start();
    private WorkerKafkaClient kafka;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.createTopics(1, Topics.TWILIO_COMMANDS, Topics.deadLetterOf(Topics.TWILIO_COMMANDS), Topics.SAGA_REPLIES);
        SwitchboardTestProperties.registerKafka(registry);
        registry.add("switchboard.twilio.base-url", simulator::baseUrl);
        registry.add("switchboard.twilio.account-sid", () -> DEFAULT_ACCOUNT_SID);
        registry.add("switchboard.twilio.auth-token", () -> DEFAULT_AUTH_TOKEN);
        registry.add("switchboard.messaging.worker-concurrency", () -> "1");
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void connect() {
        kafka = new WorkerKafkaClient(TestInfrastructure.kafkaBootstrapServers(),
                Topics.SAGA_REPLIES, Topics.deadLetterOf(Topics.TWILIO_COMMANDS));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void acquiresAndReleasesANumberThroughKafka() {
        AcquireNumber acquire = new AcquireNumber("org-kafka-1", "saga-k1:acquire-number", "US", "206", false, null);
        String acquireId = kafka.sendCommand(Topics.TWILIO_COMMANDS, acquire.orgId(), AcquireNumber.TYPE, acquire);

        ConsumerRecord<String, byte[]> reply = awaitReply(acquireId);

        assertThat(CloudEventHeaders.read(reply.headers(), Headers.CE_TYPE)).isEqualTo(NumberAcquired.TYPE);
        assertThat(reply.key()).isEqualTo("org-kafka-1");
        NumberAcquired acquired = kafka.decode(reply, NumberAcquired.class);
        assertThat(acquired.phoneNumber()).startsWith("+1206");
        assertThat(simulator.ownedNumbers()).anySatisfy(n -> assertThat(n.sid()).isEqualTo(acquired.numberSid()));
        assertThat(new String(reply.value(), StandardCharsets.UTF_8)).doesNotContain(DEFAULT_AUTH_TOKEN);

        ReleaseNumber release = new ReleaseNumber("org-kafka-1", "saga-k1:release-number", acquired.numberSid(), acquired.phoneNumber(), null);
        String releaseId = kafka.sendCommand(Topics.TWILIO_COMMANDS, release.orgId(), ReleaseNumber.TYPE, release);

        assertThat(kafka.decode(awaitReply(releaseId), NumberReleased.class))
                .isEqualTo(new NumberReleased(acquired.numberSid(), false));
        assertThat(simulator.ownedNumbers()).noneSatisfy(n -> assertThat(n.sid()).isEqualTo(acquired.numberSid()));
    }

    /**
     * The purchase went through but its worker died before Twilio's answer reached it; the redelivery arrives after
     * the saga stopped waiting (ops stopped it). The number bought for the request is reported, so the saga releases
     * it, instead of "not started" and forgotten (chaos run 15 leaked a number this way). Nothing is bought.
     */
    @Test
    void aLateDeliveryOfARequestWhoseNumberWasBoughtReportsItSoTheSagaCanReleaseIt() {
        AcquireNumber acquire = new AcquireNumber("org-kafka-7", "saga-k7:acquire-number", "US", "207", false, null);
        String tag = io.switchboard.adapters.twilio.numbers.OwnerTag.boughtFor(acquire.ownerOrOrganization(),
                acquire.requestId()).friendlyName();
        String sid = simulator.seedOwnedNumber(simulator.config().accountSid(), "+12075550177", tag).sid();
        long purchasesBefore = simulator.purchaseCount();

        NumberAcquired late = kafka.decode(awaitReply(kafka.sendCommand(Topics.TWILIO_COMMANDS, acquire.orgId(),
                AcquireNumber.TYPE, acquire, java.time.Instant.now().minusSeconds(1))), NumberAcquired.class);

        assertThat(late.numberSid()).isEqualTo(sid);
        assertThat(late.source()).isEqualTo(NumberAcquired.Source.PURCHASED);
        assertThat(simulator.purchaseCount()).as("nothing bought").isEqualTo(purchasesBefore);
    }

    @Test
    void aLateDeliveryOfARequestThatBoughtNothingIsNotStarted() {
        AcquireNumber acquire = new AcquireNumber("org-kafka-8", "saga-k8:acquire-number", "US", "208", false, null);
        long purchasesBefore = simulator.purchaseCount();

        StepFailed late = kafka.decode(awaitReply(kafka.sendCommand(Topics.TWILIO_COMMANDS, acquire.orgId(),
                AcquireNumber.TYPE, acquire, java.time.Instant.now().minusSeconds(1))), StepFailed.class);

        assertThat(late.errorCode()).isEqualTo(StepFailed.COMMAND_NOT_STARTED);
        assertThat(simulator.purchaseCount()).isEqualTo(purchasesBefore);
    }

    @Test
    void aMalformedCommandIsDeadLetteredAndTheNextCommandIsStillProcessed() {
        String badId = kafka.sendRaw(Topics.TWILIO_COMMANDS, "org-kafka-2", AcquireNumber.TYPE,
                "{not json".getBytes(StandardCharsets.UTF_8));
        AcquireNumber good = new AcquireNumber("org-kafka-2", "saga-k2:acquire-number", "US", "617", false, null);
        String goodId = kafka.sendCommand(Topics.TWILIO_COMMANDS, good.orgId(), AcquireNumber.TYPE, good);

        ConsumerRecord<String, byte[]> parked = kafka.awaitOnTopic(Topics.deadLetterOf(Topics.TWILIO_COMMANDS), badId,
                Duration.ofSeconds(60));
        assertThat(CloudEventHeaders.read(parked.headers(), Headers.DLQ_REASON)).contains("AcquireNumber");
        assertThat(CloudEventHeaders.read(parked.headers(), Headers.DLQ_CONSUMER_GROUP)).isEqualTo("switchboard-twilio-worker");

        assertThat(kafka.decode(awaitReply(goodId), NumberAcquired.class).phoneNumber()).startsWith("+1617");
    }

    @Test
    void aForgedReleaseIsDeadLetteredUnreadAndTheNumberStaysOwned() {
        AcquireNumber acquire = new AcquireNumber("org-kafka-6", "saga-k6:acquire-number", "US", "312", false, null);
        NumberAcquired acquired = kafka.decode(awaitReply(
                kafka.sendCommand(Topics.TWILIO_COMMANDS, acquire.orgId(), AcquireNumber.TYPE, acquire)), NumberAcquired.class);

        // Someone who can write to the topic but does not hold the services' keyset.
        ReleaseNumber forged = new ReleaseNumber("org-kafka-6", "attacker:release", acquired.numberSid(),
                acquired.phoneNumber(), null);
        String forgedId = kafka.sendForged(Topics.TWILIO_COMMANDS, forged.orgId(), ReleaseNumber.TYPE, forged);

        ConsumerRecord<String, byte[]> parked = kafka.awaitOnTopic(Topics.deadLetterOf(Topics.TWILIO_COMMANDS), forgedId,
                Duration.ofSeconds(60));
        assertThat(CloudEventHeaders.read(parked.headers(), Headers.DLQ_REASON))
                .isEqualTo("unauthenticated: no sb_mac header");
        // A genuine command behind it on the partition is processed, so the forged one was surely read and refused.
        AcquireNumber next = new AcquireNumber("org-kafka-6", "saga-k6b:acquire-number", "US", "415", false, null);
        awaitReply(kafka.sendCommand(Topics.TWILIO_COMMANDS, next.orgId(), AcquireNumber.TYPE, next));
        assertThat(simulator.ownedNumbers()).anySatisfy(n -> assertThat(n.sid()).isEqualTo(acquired.numberSid()));
    }

    @Test
    void aForgedReleaseOnTheTopicLeavesTheOwnersNumberAlone() {
        NumberAcquired owned = acquireThroughKafka(new AcquireNumber("org-kafka-4", "saga-k4:acquire-number", "US",
                "503", false, null));

        // A command that passes authentication (a compromised service, a bug) but names another organization than the
        // number's owner: the owner tag, not the command, decides.
        ReleaseNumber forged = new ReleaseNumber("org-intruder", "forged:release-number", owned.numberSid(),
                owned.phoneNumber(), null);
        StepFailed refused = kafka.decode(awaitReply(kafka.sendCommand(Topics.TWILIO_COMMANDS, forged.orgId(),
                ReleaseNumber.TYPE, forged)), StepFailed.class);

        assertThat(refused.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION);
        assertThat(refused.retryable()).isFalse();
        assertThat(simulator.ownedNumbers()).anySatisfy(n -> assertThat(n.sid()).isEqualTo(owned.numberSid()));
        assertThat(simulator.releasedNumbers()).noneSatisfy(n -> assertThat(n.sid()).isEqualTo(owned.numberSid()));
    }

    @Test
    void aNumberHandedToThePoolThroughKafkaIsNoLongerTheOrganizationsToRelease() {
        NumberAcquired owned = acquireThroughKafka(new AcquireNumber("org-kafka-5", "saga-k5:acquire-number", "US",
                "504", false, null));
        AssignNumber toPool = new AssignNumber("org-kafka-5", "saga-k5:hand-number-to-pool", owned.numberSid(),
                owned.phoneNumber(), NumberOwner.organization("org-kafka-5"), NumberOwner.pool(), null);

        NumberAssigned assigned = kafka.decode(awaitReply(kafka.sendCommand(Topics.TWILIO_COMMANDS, toPool.orgId(),
                AssignNumber.TYPE, toPool)), NumberAssigned.class);
        ReleaseNumber release = new ReleaseNumber("org-kafka-5", "saga-k5:release-number", owned.numberSid(),
                owned.phoneNumber(), null);
        StepFailed refused = kafka.decode(awaitReply(kafka.sendCommand(Topics.TWILIO_COMMANDS, release.orgId(),
                ReleaseNumber.TYPE, release)), StepFailed.class);

        assertThat(assigned).isEqualTo(new NumberAssigned(owned.numberSid(), owned.phoneNumber(), NumberOwner.pool(), false));
        assertThat(refused.errorCode()).isEqualTo(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION);
        assertThat(simulator.ownedNumbers()).filteredOn(n -> n.sid().equals(owned.numberSid())).singleElement()
                .satisfies(n -> assertThat(n.friendlyName()).startsWith("sb/pool/"));
    }

    private NumberAcquired acquireThroughKafka(AcquireNumber acquire) {
        return kafka.decode(awaitReply(kafka.sendCommand(Topics.TWILIO_COMMANDS, acquire.orgId(), AcquireNumber.TYPE,
                acquire)), NumberAcquired.class);
    }

    @Test
    void aRetryAfterThatWouldCrossTheCommandsDeadlineIsNotWaitedForTheReplyIsRetryableAtOnce() {
        simulator.faults().add(FaultRule.forOperation("ListAvailablePhoneNumberLocal").always().fail(429)
                .withRetryAfterSeconds(20));
        try {
            AcquireNumber acquire = new AcquireNumber("org-kafka-3", "saga-k3:acquire-number", "US", "305", false, null);
            // The saga waits 10 s: the worker may start calls for 5 s, far less than the 20 s Twilio asks for.
            long searchesBefore = simulator.stats().count("ListAvailablePhoneNumberLocal");
            long sent = System.nanoTime();
            String id = kafka.sendCommand(Topics.TWILIO_COMMANDS, acquire.orgId(), AcquireNumber.TYPE, acquire,
                    Instant.now().plusSeconds(10));

            StepFailed failed = kafka.decode(awaitReply(id), StepFailed.class);

            assertThat(failed.errorCode()).isEqualTo(StepFailed.RATE_LIMITED);
            assertThat(failed.retryable()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("answered before the saga's deadline")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(simulator.stats().count("ListAvailablePhoneNumberLocal")).as("one search, not repeated")
                    .isEqualTo(searchesBefore + 1);
            assertThat(simulator.ownedNumbers()).noneMatch(n -> n.phoneNumber().startsWith("+1305"));
        } finally {
            simulator.faults().clear();
        }
    }

    private ConsumerRecord<String, byte[]> awaitReply(String commandId) {
        return kafka.awaitReplyTo(commandId, Duration.ofSeconds(60));
    }
}
