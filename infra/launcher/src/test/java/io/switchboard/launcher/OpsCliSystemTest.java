package io.switchboard.launcher;

import io.switchboard.cli.SwitchboardCli;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.vapi.Assistant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ops toolbox end to end: sagas failed by provider faults are found and replayed with the {@code switchboard}
 * CLI against the running system, and finish without repeating the steps that had succeeded.
 */
class OpsCliSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static SwitchboardSystem system;
    private static SystemClient client;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        client = new SystemClient(system.stack().kafka().bootstrapServers(), system::orchestratorUrl);
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @AfterEach
    void clearFaults() {
        system.twilio().faults().clear();
        system.vapi().faults().clear();
    }

    /** VAPI rejects the registration, and then rejects deleting the assistants: the compensation parks the saga. */
    private void breakVapi() {
        system.vapi().faults().add(FaultRule.forOperation("PhoneNumberController_create").always().fail(400));
        system.vapi().faults().add(FaultRule.forOperation("AssistantController_remove").always().fail(400));
    }

    private SagaResponse parkedSaga(String name) {
        String orgId = SystemClient.newOrgId(name);
        client.approve(orgId, name, "510");
        SagaResponse saga = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);
        assertThat(saga.state()).isEqualTo("FAILED");
        assertThat(saga.failedStep()).endsWith("(compensation)");
        return saga;
    }

    private SagaResponse awaitState(String sagaId, String state) {
        return await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> client.saga(sagaId), s -> s.state().equals(state));
    }

    @Test
    void aSagaParkedByAFaultIsReplayedFromTheCliAndFinishesWithoutRepeatingItsCompletedSteps() {
        breakVapi();
        SagaResponse failed = parkedSaga("Replayme");
        long purchases = system.twilio().purchaseCount();
        long assistantsCreated = system.vapi().assistantCreateCount();
        long registrations = system.vapi().phoneNumberCreateCount();
        String numberSid = output(failed, "acquire-number", "numberSid");

        Cli list = cli("sagas", "list", "--state", "FAILED", "--org", failed.orgId());
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains(failed.id()).contains("create-outbound-assistant (compensation)");
        Cli show = cli("sagas", "show", failed.id());
        assertThat(show.out()).containsPattern("create-outbound-assistant\\s+compensation\\s+FAILED\\s+1")
                .containsPattern("register-number\\s+action\\s+FAILED");

        system.vapi().faults().clear();
        Cli replay = cli("sagas", "replay", failed.id());
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("REPLAYED").contains(failed.id());

        SagaResponse done = awaitState(failed.id(), "COMPENSATED");
        assertThat(done.failedStep()).isEqualTo("register-number");
        // Nothing that had succeeded ran again: no second purchase, assistant or registration.
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);
        assertThat(system.vapi().assistantCreateCount()).isEqualTo(assistantsCreated);
        assertThat(system.vapi().phoneNumberCreateCount()).isEqualTo(registrations);
        // And what the saga had created is gone now that its compensation could finish.
        assertThat(system.vapi().assistants()).extracting(Assistant::name)
                .noneMatch(n -> n.startsWith("Replayme "));
        assertThat(system.twilio().ownedNumbers()).extracting(IncomingNumber::sid).doesNotContain(numberSid);
        assertThat(done.steps()).filteredOn(s -> s.direction().equals("COMPENSATION"))
                .allSatisfy(s -> assertThat(s.status()).isIn("SUCCEEDED", "SKIPPED"));

        Cli again = cli("sagas", "replay", failed.id());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("409").contains("was compensated");
    }

    @Test
    void aBulkReplayByFilterFinishesEveryMatchingSaga() {
        breakVapi();
        List<SagaResponse> failed = List.of(parkedSaga("Bulkone"), parkedSaga("Bulktwo"), parkedSaga("Bulkthree"));
        long purchases = system.twilio().purchaseCount();
        long assistantsCreated = system.vapi().assistantCreateCount();
        system.vapi().faults().clear();

        Cli dryRun = cli("sagas", "replay", "--state", "FAILED", "--type", "onboarding",
                "--failed-step", "create-outbound-assistant", "--dry-run");
        assertThat(dryRun.exit()).as(dryRun.err()).isZero();
        failed.forEach(s -> assertThat(dryRun.out()).contains(s.id()));
        assertThat(dryRun.out()).contains("WOULD_REPLAY");
        failed.forEach(s -> assertThat(client.saga(s.id()).state()).isEqualTo("FAILED"));

        Cli replay = cli("sagas", "replay", "--state", "FAILED", "--type", "onboarding",
                "--failed-step", "create-outbound-assistant");
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        failed.forEach(s -> assertThat(replay.out()).containsPattern(Pattern.quote(s.id()) + "\\s+\\S+\\s+REPLAYED"));

        failed.forEach(s -> awaitState(s.id(), "COMPENSATED"));
        assertThat(system.twilio().purchaseCount()).isEqualTo(purchases);
        assertThat(system.vapi().assistantCreateCount()).isEqualTo(assistantsCreated);
        assertThat(cli("sagas", "list", "--state", "FAILED", "--failed-step", "create-outbound-assistant").out())
                .doesNotContain(failed.get(0).id());
    }

    @Test
    void aDeadLetterIsListedAndRedrivenFromTheCli() throws Exception {
        String orgId = SystemClient.newOrgId("dlq");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.stack().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.ORG_EVENTS, orgId, "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        String position = await().atMost(Duration.ofSeconds(30)).until(() -> {
            Matcher row = Pattern.compile("(?m)^(\\d+:\\d+)\\s+" + Pattern.quote(orgId) + "\\s")
                    .matcher(cli("dlq", "list", "--topic", Topics.ORG_EVENTS).out());
            return row.find() ? row.group(1) : null;
        }, p -> p != null);

        Cli redrive = cli("dlq", "redrive", "--topic", Topics.ORG_EVENTS, "--offset", position);
        assertThat(redrive.exit()).as(redrive.err()).isZero();
        assertThat(redrive.out()).containsPattern(Pattern.quote(position) + "\\s+" + Pattern.quote(orgId) + "\\s+"
                + Pattern.quote(Topics.ORG_EVENTS) + "\\s+REDRIVEN");
        Cli twice = cli("dlq", "redrive", "--topic", Topics.ORG_EVENTS, "--offset", position);
        assertThat(twice.out()).contains("ALREADY_REDRIVEN");
    }

    @Test
    void whatALineCostsIsReadFromTheCli() {
        String orgId = SystemClient.newOrgId("costs");
        client.approve(orgId, "Costs", "510");
        SagaResponse saga = client.awaitSagaEnded(orgId, Duration.ofSeconds(60));
        assertThat(saga.state()).isEqualTo("COMPLETED");

        Cli one = cli("costs", "--org", orgId, "--json");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).containsPattern("\"platformTwilio\"\\s*:\\s*1")
                .containsPattern("\"assistants\"\\s*:\\s*2")
                .containsPattern("\"total\"\\s*:\\s*1\\.15");
        // Every organization: this line among them, the pool and the total; the limits below.
        Cli all = cli("costs");
        assertThat(all.err()).doesNotContain("error");
        assertThat(all.out()).containsPattern("(?m)^" + Pattern.quote(orgId) + "\\s+1\\s+0\\s+0\\s+2\\s+1\\.15 USD")
                .containsPattern("(?m)^TOTAL\\s").contains("free VAPI numbers: ");
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--api=" + system.orchestratorUrl();
        int exit = SwitchboardCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Cli(exit, out.toString(), err.toString());
    }

    @SuppressWarnings("unchecked")
    private static String output(SagaResponse saga, String step, String field) {
        return saga.steps().stream().filter(s -> s.name().equals(step) && s.direction().equals("ACTION"))
                .map(s -> String.valueOf(((Map<String, Object>) s.output()).get(field))).findFirst().orElseThrow();
    }
}
