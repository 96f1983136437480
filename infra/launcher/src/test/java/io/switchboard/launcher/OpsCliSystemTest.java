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

        Cli show = cli("dlq", "show", "--topic", Topics.ORG_EVENTS, position);
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).containsPattern("Key\\s+" + Pattern.quote(orgId))
                .containsPattern("From\\s+" + Pattern.quote(Topics.ORG_EVENTS))
                .containsPattern("sb_dlq_reason\\s+\\S").contains("Body (9 bytes)").contains("  {not json");

        Cli redrive = cli("dlq", "redrive", "--topic", Topics.ORG_EVENTS, "--offset", position);
        assertThat(redrive.exit()).as(redrive.err()).isZero();
        assertThat(redrive.out()).containsPattern(Pattern.quote(position) + "\\s+" + Pattern.quote(orgId) + "\\s+"
                + Pattern.quote(Topics.ORG_EVENTS) + "\\s+REDRIVEN");
        Cli twice = cli("dlq", "redrive", "--topic", Topics.ORG_EVENTS, "--offset", position);
        assertThat(twice.out()).contains("ALREADY_REDRIVEN");
    }

    @Test
    void anOrganizationsLineAndItsOwnTwilioAccountAreOperatedFromTheCliAlone() {
        String orgId = SystemClient.newOrgId("Clitenant");
        Cli added = cliWithStdin(RunningSystem.TENANT_AUTH_TOKEN + "\n", "credentials", "add", orgId,
                "--account-sid", RunningSystem.TENANT_ACCOUNT_SID);
        assertThat(added.exit()).as(added.err()).isZero();
        Matcher stored = Pattern.compile("Stored new credential (\\S+) ").matcher(added.out());
        assertThat(stored.find()).as(added.out()).isTrue();
        String credentialId = stored.group(1);
        Cli listed = cli("credentials", "list", orgId);
        assertThat(listed.out()).containsPattern(Pattern.quote(credentialId) + "\\s+" + RunningSystem.TENANT_ACCOUNT_SID);
        Cli rotated = cliWithStdin(RunningSystem.TENANT_AUTH_TOKEN, "credentials", "rotate", orgId, credentialId);
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("Rotated credential " + credentialId);
        assertThat(cli("credentials", "list", orgId, "--json").out()).contains("\"rotatedAt\" : \"")
                .doesNotContain(RunningSystem.TENANT_AUTH_TOKEN);

        // The line is set up in the organization's own account, followed live with sagas watch.
        client.approve(orgId, "Clitenant", "510", credentialId);
        String onboarding = await().atMost(SAGA_TIMEOUT).ignoreExceptions()
                .until(() -> client.status(orgId).latestSaga().id(), id -> id != null);
        Cli watched = cli("sagas", "watch", onboarding, "--interval", "200ms", "--timeout", "60s");
        assertThat(watched.exit()).as(watched.out() + watched.err()).isEqualTo(0);
        assertThat(watched.out()).containsPattern("register-number\\s+action\\s+SUCCEEDED")
                .contains("Saga " + onboarding + " ended COMPLETED");
        Cli status = cli("organizations", "status", orgId);
        assertThat(status.out()).containsPattern("Setup\\s+completed").containsPattern("Status\\s+active")
                .containsPattern("Number\\s+\\+1510");

        Cli inUse = cli("credentials", "delete", orgId, credentialId);
        assertThat(inUse.exit()).isEqualTo(1);
        assertThat(inUse.err()).contains("answered 409").contains("cannot be deleted yet");

        Cli cleanup = cli("organizations", "cleanup", orgId, "--yes", "--wait", "--interval", "200ms");
        assertThat(cleanup.exit()).as(cleanup.out() + cleanup.err()).isZero();
        assertThat(cleanup.out()).contains("ACCEPTED  cleanup of " + orgId).contains("ended COMPLETED");
        assertThat(cli("orgs", "status", orgId).out()).containsPattern("Setup\\s+none")
                .containsPattern("Latest\\s+cleanup COMPLETED");

        // No setup now: the onboarding can be retried, and the request shows the saga it started.
        Cli retry = cli("organizations", "retry", orgId, "--area-code", "510");
        assertThat(retry.exit()).as(retry.err()).isZero();
        Matcher request = Pattern.compile("request (\\S+)").matcher(retry.out());
        assertThat(request.find()).isTrue();
        Cli started = await().atMost(SAGA_TIMEOUT).until(() -> cli("organizations", "request", orgId, request.group(1)),
                c -> c.out().contains("State     COMPLETED"));
        assertThat(started.out()).contains("RetrySetup").containsPattern("save-ai-config\\s+action\\s+SUCCEEDED");
        Cli again = cli("organizations", "retry", orgId);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("answered 409: The organization already has an AI setup");

        assertThat(cli("organizations", "cleanup", orgId, "--yes", "--wait", "--interval", "200ms").exit()).isZero();
        Cli deleted = cli("credentials", "delete", orgId, credentialId);
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(cli("credentials", "list", orgId).out()).contains("0 Twilio credential(s)");
        assertThat(cli("organizations", "status", "never-" + orgId).out()).containsPattern("Setup\\s+none");
        assertThat(cli("organizations", "retry", "never-" + orgId).err()).contains("answered 404");
    }

    @Test
    void thePoolIsStockedAndInspectedFromTheCli() {
        long before = ApiClientJson.number(cli("pool", "stats", "--json").out(), "available");
        Cli provision = cli("pool", "provision", "--count", "1", "--area-code", "612");
        assertThat(provision.exit()).as(provision.err()).isZero();
        Matcher saga = Pattern.compile("(?m)^([0-9a-f-]{36})\\s+buying a number").matcher(provision.out());
        assertThat(saga.find()).as(provision.out()).isTrue();

        Cli watched = cli("sagas", "watch", saga.group(1), "--interval", "200ms", "--timeout", "60s");
        assertThat(watched.exit()).as(watched.out()).isZero();
        assertThat(watched.out()).containsPattern("add-to-pool\\s+action\\s+SUCCEEDED");
        Cli stats = cli("pool", "stats");
        assertThat(stats.out()).containsPattern("Available\\s+" + (before + 1));
        // Nothing has been idle for 30 days here.
        assertThat(cli("pool", "release-idle").out()).contains("0 saga(s) started");
        assertThat(cli("pool", "provision", "--count", "0").err()).contains("answered 400").contains("count");
    }

    @Test
    void orphansInThePlatformsAndInAnOrganizationsOwnAccountAreFoundAndReleasedFromTheCli() throws Exception {
        String orgId = SystemClient.newOrgId("Reconcile");
        Cli added = cliWithStdin(RunningSystem.TENANT_AUTH_TOKEN, "credentials", "add", orgId,
                "--account-sid", RunningSystem.TENANT_ACCOUNT_SID);
        assertThat(added.exit()).as(added.err()).isZero();
        Matcher stored = Pattern.compile("credential (\\S+) ").matcher(added.out());
        assertThat(stored.find()).isTrue();
        String credentialId = stored.group(1);
        // Numbers nothing references: one Switchboard tagged in the platform's account, one in the organization's own
        // account; and the organization's own number that Switchboard never tagged, which is none of its business.
        String platformOrphan = system.twilio().seedOwnedNumber(system.twilio().config().accountSid(), "+19195550141",
                "sb/org/gone-org/#0123456789abcdef").sid();
        String tenantOrphan = system.twilio().seedOwnedNumber(RunningSystem.TENANT_ACCOUNT_SID, "+19195550142",
                "sb/org/" + orgId + "/#0123456789abcdef").sid();
        String tenantOwn = system.twilio().seedOwnedNumber(RunningSystem.TENANT_ACCOUNT_SID, "+19195550143",
                "Front desk").sid();

        Cli report = cli("reconcile");
        assertThat(report.exit()).as(report.err()).isEqualTo(7);
        assertThat(report.out()).containsPattern("ORPHAN\\s+TWILIO_NUMBER\\s+" + platformOrphan + "\\s+\\+19195550141\\s+platform")
                .containsPattern("ORPHAN\\s+TWILIO_NUMBER\\s+" + tenantOrphan + "\\s+\\+19195550142\\s+"
                        + Pattern.quote(orgId + " " + credentialId))
                .doesNotContain(tenantOwn).contains("problem(s)");
        Cli all = cli("reconcile", "--all", "--json");
        assertThat(all.out()).containsPattern("\"verdict\" : \"FOREIGN\",\\s+\"kind\" : \"TWILIO_NUMBER\",\\s+\"id\" : \""
                + tenantOwn + "\"").doesNotContain(RunningSystem.TENANT_AUTH_TOKEN);

        Cli dryRun = cli("reconcile", "release", "--id", tenantOrphan, "--dry-run");
        assertThat(dryRun.exit()).as(dryRun.out() + dryRun.err()).isZero();
        assertThat(dryRun.out()).containsPattern(tenantOrphan + "\\s+TWILIO_NUMBER\\s+\\S+\\s+WOULD_RELEASE");
        assertThat(system.twilio().ownedNumbers(RunningSystem.TENANT_ACCOUNT_SID)).extracting(IncomingNumber::sid)
                .contains(tenantOrphan);

        Cli release = cli("reconcile", "release", "--id", tenantOrphan, "--id", platformOrphan, "--id", tenantOwn);
        assertThat(release.exit()).as("the FOREIGN number is refused").isEqualTo(1);
        assertThat(release.out()).containsPattern(tenantOrphan + "\\s+TWILIO_NUMBER\\s+\\S+\\s+RELEASED")
                .containsPattern(platformOrphan + "\\s+TWILIO_NUMBER\\s+\\S+\\s+RELEASED")
                .containsPattern(tenantOwn + "\\s+TWILIO_NUMBER\\s+.*NOT_AN_ORPHAN\\s+FOREIGN")
                .contains("2 released, 1 skipped");
        assertThat(system.twilio().ownedNumbers()).extracting(IncomingNumber::sid)
                .doesNotContain(tenantOrphan, platformOrphan).contains(tenantOwn);
        assertThat(cli("reconcile").out()).doesNotContain(tenantOrphan).doesNotContain(platformOrphan);

        // Leave the shared tenant account as it was: the organization's own number goes, then its credential.
        java.net.http.HttpResponse<String> deleted = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(system.twilio().baseUrl() + "/2010-04-01/Accounts/"
                                + RunningSystem.TENANT_ACCOUNT_SID + "/IncomingPhoneNumbers/" + tenantOwn + ".json"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                (RunningSystem.TENANT_ACCOUNT_SID + ":" + RunningSystem.TENANT_AUTH_TOKEN)
                                        .getBytes(StandardCharsets.UTF_8))).DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(cli("credentials", "delete", orgId, credentialId).exit()).isZero();
    }

    @Test
    void tokensAreIssuedListedAndRevokedFromTheCli() throws Exception {
        String orgId = SystemClient.newOrgId("clitokens");
        Cli created = cli("tokens", "create", orgId, "--label", "cli test");
        assertThat(created.exit()).as(created.err()).isZero();
        String[] lines = created.out().strip().split("\\R");
        String secret = lines[lines.length - 1];
        assertThat(secret).startsWith("sb_org_");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest status = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                system.orchestratorUrl() + "/api/v1/organizations/" + orgId + "/ai-status"))
                .header("Authorization", "Bearer " + secret).build();
        assertThat(http.send(status, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        Cli listed = cli("tokens", "list", orgId);
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("cli test").contains("1 token(s) of " + orgId + ", 1 not revoked")
                .doesNotContain(secret);
        String tokenId = created.out().replaceAll("(?s).*Issued token (\\S+) .*", "$1");
        Cli revoked = cli("tokens", "revoke", orgId, tokenId);
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(http.send(status, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(cli("tokens", "list", orgId, "--json").out()).contains("\"revokedAt\" : \"").doesNotContain(secret);
    }

    @Test
    void completionCoversEveryCommand() {
        Cli completion = cli0("completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).contains("_complete_switchboard").contains("organizations").contains("credentials");
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

    /** Reads one number out of a JSON object the CLI printed. */
    private static final class ApiClientJson {
        static long number(String json, String field) {
            Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
            assertThat(m.find()).as(json).isTrue();
            return Long.parseLong(m.group(1));
        }
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... args) {
        return cliWithStdin("", args);
    }

    private static Cli cliWithStdin(String stdin, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--api=" + system.orchestratorUrl();
        return run(stdin, all);
    }

    /** Without --api, for commands that do not call the orchestrator. */
    private static Cli cli0(String... args) {
        return run("", args);
    }

    private static Cli run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SwitchboardCli.run(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(exit, out.toString(), err.toString());
    }

    @SuppressWarnings("unchecked")
    private static String output(SagaResponse saga, String step, String field) {
        return saga.steps().stream().filter(s -> s.name().equals(step) && s.direction().equals("ACTION"))
                .map(s -> String.valueOf(((Map<String, Object>) s.output()).get(field))).findFirst().orElseThrow();
    }
}
