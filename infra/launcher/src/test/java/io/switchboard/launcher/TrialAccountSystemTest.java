package io.switchboard.launcher;

import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.twilio.IncomingNumber;
import io.switchboard.sim.vapi.PhoneNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two organizations on one Twilio trial account, which may hold one number — its own, bought in the console. The
 * number serves one organization's line at a time; the other's attempt fails with {@code TRIAL_NUMBER_IN_USE} and
 * changes nothing; an organization whose line goes hands it back to the account (never released, never pooled), and
 * the next one gets it. After every step: what Twilio holds (the one number, its owner tag, nothing bought or
 * released), whether the pool holds it, and which assistant VAPI binds it to.
 * <p>
 * The platform account of this system is a trial account, so it runs a system of its own.
 */
class TrialAccountSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> ENDED = Set.of("COMPLETED", "COMPENSATED", "FAILED");
    private static final String TRIAL_NUMBER = "+15105550100";
    private static SwitchboardSystem system;
    private static SystemClient client;
    private static LineClient lines;
    private static String trialSid;

    @BeforeAll
    static void start() throws Exception {
        SystemOptions options = SystemOptions.ephemeral(Files.createTempDirectory("switchboard-trial-system-test"))
                .withOverrides(RunningSystem.FAST_SAGAS);
        system = SwitchboardSystem.start(options.withTwilio(options.twilio().withTrialMode(true)));
        client = new SystemClient(system.stack().kafka().bootstrapServers(), system::orchestratorUrl);
        lines = new LineClient(system, system::orchestratorUrl, LineLifecycleSystemTest.OPS_AUTHORIZATION);
        trialSid = buyTheTrialNumberInTheConsole();
    }

    @AfterAll
    static void stop() {
        lines.close();
        client.close();
        system.close();
    }

    /** What the account holder did at sign-up: one number, Twilio's default FriendlyName, no Switchboard tag. */
    private static String buyTheTrialNumberInTheConsole() throws Exception {
        String sid = system.twilio().config().accountSid();
        String basic = Base64.getEncoder().encodeToString((sid + ":" + system.twilio().config().authToken())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> bought = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(system.twilio().baseUrl() + "/2010-04-01/Accounts/" + sid + "/IncomingPhoneNumbers.json"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("PhoneNumber=%2B15105550100&FriendlyName=%28510%29+555-0100"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        return system.twilio().ownedNumbers().get(0).sid();
    }

    @Test
    void theTrialNumberServesOneOrganizationAtATimeInEveryOrder() {
        String a = org("trial-a");
        String b = org("trial-b");

        // A on: A's line gets the account's number.
        SagaResponse aOn = run(a, "onboarding", () -> client.approve(a, "Trial A", "510"));
        assertCompleted(aOn);
        expectNumberServes(a);

        // B on: refused, and nothing of A's changes.
        SagaResponse bOn = run(b, "onboarding", () -> client.approve(b, "Trial B", "510"));
        assertInUse(bOn, a);
        expectNumberServes(a);
        // A failed setup: no line, and ai-status says so (the clients offer the retry).
        assertThat(client.status(b).hasSetup()).isTrue();
        assertThat(client.status(b).setupCompleted()).isFalse();
        assertThat(client.status(b).status()).isEqualTo("failed");

        // A off: handed back to the account.
        assertCompleted(run(a, "inbound-ai-off", () -> lines.toggle(a, false)), "hand-back-trial-number");
        expectNumberServesNobody();
        assertThat(client.status(a).status()).isEqualTo("inactive");

        // B on again (its failed setup retried): B gets it.
        assertCompleted(run(b, "onboarding", () -> assertAccepted(lines.post(
                "/api/v1/organizations/" + b + "/retry-ai-setup", "{}"))));
        expectNumberServes(b);

        // A on: refused while B's line uses it; A stays off, B untouched.
        assertInUse(run(a, "inbound-ai-on", () -> lines.toggle(a, true)), b);
        expectNumberServes(b);
        assertThat(client.status(a).status()).isEqualTo("inactive");

        // Cleanup of A, which holds nothing: B untouched.
        SagaResponse cleanA = run(a, "cleanup", () -> assertAccepted(lines.delete("/api/v1/organizations/" + a + "/ai-setup")));
        assertCompleted(cleanA);
        assertThat(step(cleanA, "hand-back-trial-number").status()).isEqualTo("SKIPPED");
        expectNumberServes(b);

        // B off: handed back.
        assertCompleted(run(b, "inbound-ai-off", () -> lines.toggle(b, false)), "hand-back-trial-number");
        expectNumberServesNobody();

        // A approved again: a fresh onboarding gets it.
        assertCompleted(run(a, "onboarding", () -> client.approve(a, "Trial A", "510")));
        expectNumberServes(a);

        // B on: refused.
        assertInUse(run(b, "inbound-ai-on", () -> lines.toggle(b, true)), a);
        expectNumberServes(a);

        // Cleanup of A while it holds the number: handed back, not released.
        assertCompleted(run(a, "cleanup", () -> assertAccepted(lines.delete("/api/v1/organizations/" + a + "/ai-setup"))),
                "hand-back-trial-number");
        expectNumberServesNobody();
        assertThat(client.status(a).hasSetup()).isFalse();

        // B on: B gets it; cleanup of B hands it back.
        assertCompleted(run(b, "inbound-ai-on", () -> lines.toggle(b, true)));
        expectNumberServes(b);
        assertCompleted(run(b, "cleanup", () -> assertAccepted(lines.delete("/api/v1/organizations/" + b + "/ai-setup"))),
                "hand-back-trial-number");
        expectNumberServesNobody();
    }

    @Test
    void withThePoolPolicyTheTrialNumberIsStillHandedBackToTheAccountNeverPooled() {
        system.stopService(Services.Kind.ORCHESTRATOR);
        system.startService(Services.Kind.ORCHESTRATOR, Map.of("switchboard.pool.release-policy", "POOL"));
        try {
            String c = org("trial-c");
            String d = org("trial-d");

            assertCompleted(run(c, "onboarding", () -> client.approve(c, "Trial C", "510")));
            expectNumberServes(c);
            assertInUse(run(d, "onboarding", () -> client.approve(d, "Trial D", "510")), c);
            expectNumberServes(c);

            SagaResponse cOff = run(c, "inbound-ai-off", () -> lines.toggle(c, false));
            assertCompleted(cOff, "hand-back-trial-number");
            assertThat(step(cOff, "hand-number-to-pool").status()).isEqualTo("SKIPPED");
            assertThat(step(cOff, "return-number-to-pool").status()).isEqualTo("SKIPPED");
            expectNumberServesNobody();

            assertCompleted(run(d, "onboarding", () -> assertAccepted(lines.post(
                    "/api/v1/organizations/" + d + "/retry-ai-setup", "{}"))));
            expectNumberServes(d);
            SagaResponse cleanD = run(d, "cleanup", () -> assertAccepted(lines.delete("/api/v1/organizations/" + d + "/ai-setup")));
            assertCompleted(cleanD, "hand-back-trial-number");
            assertThat(step(cleanD, "return-number-to-pool").status()).isEqualTo("SKIPPED");
            expectNumberServesNobody();

            assertCompleted(run(c, "cleanup", () -> assertAccepted(lines.delete("/api/v1/organizations/" + c + "/ai-setup"))));
            expectNumberServesNobody();
        } finally {
            system.stopService(Services.Kind.ORCHESTRATOR);
            system.startService(Services.Kind.ORCHESTRATOR);
        }
    }

    private static String org(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Does {@code action} and waits for the organization's next saga, of this type, to end. */
    private SagaResponse run(String orgId, String type, Runnable action) {
        String before = latestSagaId(orgId);
        action.run();
        AiStatusResponse.LatestSaga latest = await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> client.status(orgId).latestSaga(),
                        s -> s != null && !s.id().equals(before) && ENDED.contains(s.state()));
        assertThat(latest.type()).isEqualTo(type);
        return client.saga(latest.id());
    }

    private String latestSagaId(String orgId) {
        try {
            AiStatusResponse.LatestSaga latest = client.status(orgId).latestSaga();
            return latest == null ? null : latest.id();
        } catch (RuntimeException noSuchOrganization) {
            return null;
        }
    }

    private static void assertAccepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static void assertCompleted(SagaResponse saga, String... succeededSteps) {
        assertThat(saga.state()).as("%s failed at %s: %s", saga.type(), saga.failedStep(), saga.failureReason())
                .isEqualTo("COMPLETED");
        for (String name : succeededSteps) {
            assertThat(step(saga, name).status()).as(name).isEqualTo("SUCCEEDED");
        }
        assertThat(saga.steps()).filteredOn(s -> s.name().equals("release-number")).allSatisfy(s ->
                assertThat(s.status()).as("a trial account's number is never released").isEqualTo("SKIPPED"));
    }

    private static void assertInUse(SagaResponse saga, String holder) {
        assertThat(saga.state()).isEqualTo("COMPENSATED");
        assertThat(saga.failedStep()).isEqualTo("acquire-number");
        assertThat(saga.failureReason()).startsWith(StepFailed.TRIAL_NUMBER_IN_USE).contains(holder)
                .doesNotContain(system.twilio().config().authToken());
    }

    private static SagaResponse.Step step(SagaResponse saga, String name) {
        return saga.steps().stream().filter(s -> s.name().equals(name) && s.direction().equals("ACTION")).findFirst()
                .orElseThrow(() -> new AssertionError(saga.type() + " has no step " + name));
    }

    /** The account's one number, unreleased, never re-bought, out of the pool. */
    private static IncomingNumber theTrialNumber() {
        List<IncomingNumber> owned = system.twilio().ownedNumbers(system.twilio().config().accountSid());
        assertThat(owned).singleElement().satisfies(n -> {
            assertThat(n.sid()).isEqualTo(trialSid);
            assertThat(n.phoneNumber()).isEqualTo(TRIAL_NUMBER);
        });
        assertThat(system.twilio().releasedNumbers()).as("never released").isEmpty();
        assertThat(system.twilio().purchaseCount()).as("only the console purchase").isEqualTo(1);
        assertThat(lines.pooledNumberSids()).as("never pooled").doesNotContain(trialSid);
        return owned.get(0);
    }

    private static void expectNumberServes(String orgId) {
        AiStatusResponse status = client.status(orgId);
        assertThat(status.status()).isEqualTo("active");
        assertThat(status.phoneNumber()).isEqualTo(TRIAL_NUMBER);
        assertThat(theTrialNumber().friendlyName()).startsWith("sb/trial/" + orgId + "/");
        assertThat(registrations()).as("VAPI binds the number to %s's inbound assistant", orgId).singleElement()
                .satisfies(p -> assertThat(p.assistantId()).isEqualTo(status.assistants().inbound()));
    }

    private static void expectNumberServesNobody() {
        assertThat(theTrialNumber().friendlyName()).startsWith("sb/unassigned/");
        assertThat(registrations()).as("no line uses it").isEmpty();
    }

    private static List<PhoneNumber> registrations() {
        return system.vapi().phoneNumbers().stream().filter(p -> TRIAL_NUMBER.equals(p.number())).toList();
    }
}
