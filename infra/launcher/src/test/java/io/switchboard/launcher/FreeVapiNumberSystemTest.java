package io.switchboard.launcher;

import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.vapi.PhoneNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Onboarding with {@code switchboard.numbers.provider=VAPI_FREE} through the whole system: the VAPI simulator keeps
 * a new free number "activating" without digits for its activation delay (2 s), the saga polls on durable timers
 * (every 300 ms here, instead of 15 s) and the digits end up in the AI config. No Twilio number is touched.
 */
class FreeVapiNumberSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final Map<String, String> FREE_NUMBERS = Map.of(
            "switchboard.numbers.provider", "VAPI_FREE",
            "switchboard.numbers.free-number-poll-interval", "300ms",
            "switchboard.numbers.free-number-wait-limit", "30s");
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

    @Test
    void aFreeNumberThatShowsItsDigitsLaterEndsUpInTheConfig() {
        Duration activation = system.vapi().config().freeNumberActivationDelay();
        assertThat(activation).as("the simulator makes the saga wait").isPositive();
        long twilioPurchases = system.twilio().purchaseCount();
        system.stopService(Services.Kind.ORCHESTRATOR);
        system.startService(Services.Kind.ORCHESTRATOR, FREE_NUMBERS);
        try {
            String orgId = SystemClient.newOrgId("free");
            client.approve(orgId, "Free Line", "415");

            SagaResponse saga = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);

            assertThat(saga.state()).as("failed step %s: %s", saga.failedStep(), saga.failureReason()).isEqualTo("COMPLETED");
            SagaResponse.Step await = step(saga, "await-vapi-number");
            assertThat(await.attempts()).as("looked more than once while the number was activating").isGreaterThan(1);
            assertThat(step(saga, "acquire-number").status()).isEqualTo("SKIPPED");
            assertThat(step(saga, "register-number").status()).isEqualTo("SKIPPED");

            AiStatusResponse status = client.status(orgId);
            assertThat(status.status()).isEqualTo("active");
            assertThat(status.setupCompleted()).isTrue();
            assertThat(status.phoneNumber()).startsWith("+1415555");
            PhoneNumber atVapi = system.vapi().phoneNumbers().stream()
                    .filter(p -> status.phoneNumber().equals(p.visibleNumber())).findFirst().orElseThrow();
            assertThat(atVapi.provider()).isEqualTo("vapi");
            assertThat(atVapi.isActive()).isTrue();
            assertThat(atVapi.assistantId()).isEqualTo(status.assistants().inbound());
            assertThat(system.twilio().purchaseCount()).as("no Twilio number bought").isEqualTo(twilioPurchases);
        } finally {
            system.stopService(Services.Kind.ORCHESTRATOR);
            system.startService(Services.Kind.ORCHESTRATOR);
        }
    }

    @Test
    void aFreeNumberLineSwitchedOffAndOnIsOnAFreeNumberAgain() {
        long twilioPurchases = system.twilio().purchaseCount();
        system.stopService(Services.Kind.ORCHESTRATOR);
        system.startService(Services.Kind.ORCHESTRATOR, FREE_NUMBERS);
        try (LineClient lines = new LineClient(system, system::orchestratorUrl, LineLifecycleSystemTest.OPS_AUTHORIZATION)) {
            String orgId = SystemClient.newOrgId("free-toggle");
            client.approve(orgId, "Free Toggle", "415");
            assertThat(client.awaitSagaEnded(orgId, SAGA_TIMEOUT).state()).isEqualTo("COMPLETED");
            AiStatusResponse first = client.status(orgId);
            String firstNumber = first.phoneNumber();

            lines.toggle(orgId, false);
            assertThat(awaitEnded(orgId, "inbound-ai-off").state()).isEqualTo("COMPLETED");
            assertThat(system.vapi().phoneNumbers()).as("off deletes the free number (it cannot be unbound)")
                    .noneMatch(p -> firstNumber.equals(p.visibleNumber()));
            assertThat(client.status(orgId).status()).isEqualTo("inactive");

            lines.toggle(orgId, true);
            SagaResponse on = awaitEnded(orgId, "inbound-ai-on");

            assertThat(on.state()).as("failed step %s: %s", on.failedStep(), on.failureReason()).isEqualTo("COMPLETED");
            assertThat(step(on, "create-free-vapi-number").status()).isEqualTo("SUCCEEDED");
            assertThat(step(on, "acquire-number").status()).isEqualTo("SKIPPED");
            assertThat(step(on, "register-number").status()).isEqualTo("SKIPPED");
            AiStatusResponse again = client.status(orgId);
            assertThat(again.status()).isEqualTo("active");
            assertThat(again.assistants().inbound()).as("the same assistants").isEqualTo(first.assistants().inbound());
            PhoneNumber atVapi = system.vapi().phoneNumbers().stream()
                    .filter(p -> again.phoneNumber().equals(p.visibleNumber())).findFirst().orElseThrow();
            assertThat(atVapi.provider()).as("a free VAPI number again").isEqualTo("vapi");
            assertThat(atVapi.assistantId()).isEqualTo(again.assistants().inbound());
            assertThat(system.twilio().purchaseCount()).as("no Twilio number bought").isEqualTo(twilioPurchases);
        } finally {
            system.stopService(Services.Kind.ORCHESTRATOR);
            system.startService(Services.Kind.ORCHESTRATOR);
        }
    }

    private static SagaResponse awaitEnded(String orgId, String type) {
        return org.awaitility.Awaitility.await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions().until(() -> client.sagas(orgId, type).stream().findFirst().orElse(null),
                        s -> s != null && java.util.Set.of("COMPLETED", "COMPENSATED", "FAILED").contains(s.state()));
    }

    private static SagaResponse.Step step(SagaResponse saga, String name) {
        return saga.steps().stream().filter(s -> s.name().equals(name) && s.direction().equals("ACTION"))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + name));
    }
}
