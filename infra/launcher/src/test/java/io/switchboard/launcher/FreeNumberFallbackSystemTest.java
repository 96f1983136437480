package io.switchboard.launcher;

import io.switchboard.orchestrator.api.AiStatusResponse;
import io.switchboard.orchestrator.api.SagaResponse;
import io.switchboard.sim.vapi.PhoneNumber;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Free VAPI numbers as the documents describe them, through the whole system (onboarding v5): at VAPI's
 * free-number limit the line takes a Twilio number instead of being undone; a number still activating at the wait
 * limit leaves the line "activation pending", and a later poll fills its digits in and sends the approval email.
 */
class FreeNumberFallbackSystemTest {
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static SwitchboardSystem system;
    private static SystemClient client;
    private final HttpClient http = HttpClient.newHttpClient();

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
    void atVapisFreeNumberLimitTheLineGetsATwilioNumberInsteadOfBeingUndone() {
        List<String> fillers = new ArrayList<>();
        // The orchestrator's own count allows more than VAPI does: VAPI's refusal is what it falls back on here.
        restartOrchestrator(Map.of("switchboard.numbers.provider", "VAPI_FREE",
                "switchboard.numbers.free-number-poll-interval", "300ms",
                "switchboard.numbers.free-number-wait-limit", "30s",
                "switchboard.pool.vapi-free-number-limit", "1000"));
        try {
            // Another application of the same VAPI account took every free number that is left.
            int limit = system.vapi().config().freeNumberLimit();
            while (freeNumbersAtVapi() < limit) {
                fillers.add(createFreeNumberAtVapi());
            }
            long purchases = system.twilio().purchaseCount();
            long freeBefore = freeNumbersAtVapi();
            String orgId = SystemClient.newOrgId("fallback");
            client.approve(orgId, "Fallback Line", "415");

            SagaResponse saga = client.awaitSagaEnded(orgId, SAGA_TIMEOUT);

            assertThat(saga.state()).as("failed step %s: %s", saga.failedStep(), saga.failureReason())
                    .isEqualTo("COMPLETED");
            assertThat(saga.definitionVersion()).isEqualTo(5);
            SagaResponse.Step create = step(saga, "create-free-vapi-number");
            assertThat(create.status()).isEqualTo("FAILED");
            assertThat(create.errorCode()).isEqualTo("FREE_NUMBER_LIMIT");
            assertThat(step(saga, "fall-back-to-twilio").status()).isEqualTo("SUCCEEDED");
            assertThat(step(saga, "fallback-acquire-number").status()).isEqualTo("SUCCEEDED");
            assertThat(step(saga, "fallback-register-number").status()).isEqualTo("SUCCEEDED");
            assertThat(step(saga, "await-vapi-number").status()).isEqualTo("SKIPPED");
            assertThat(saga.steps()).noneMatch(s -> s.direction().equals("COMPENSATION"));

            AiStatusResponse status = client.status(orgId);
            assertThat(status.status()).isEqualTo("active");
            assertThat(status.setupCompleted()).isTrue();
            assertThat(status.phoneNumber()).startsWith("+1415");
            assertThat(system.twilio().purchaseCount()).as("one Twilio number bought instead").isEqualTo(purchases + 1);
            assertThat(freeNumbersAtVapi()).as("no free number taken").isEqualTo(freeBefore);
            PhoneNumber imported = system.vapi().phoneNumbers().stream()
                    .filter(p -> status.phoneNumber().equals(p.number())).findFirst().orElseThrow();
            assertThat(imported.provider()).isEqualTo("twilio");
            assertThat(imported.assistantId()).isEqualTo(status.assistants().inbound());
            List<MimeMessage> mail = system.stack().smtp().awaitMessagesTo(SystemClient.ownerOf(orgId), 1,
                    Duration.ofSeconds(20));
            assertThat(mail).hasSize(1);
        } finally {
            fillers.forEach(this::deleteAtVapi);
            restartOrchestrator(Map.of());
        }
    }

    @Test
    void aNumberStillActivatingAtTheWaitLimitLeavesTheLinePendingUntilALaterPollFillsItIn() {
        Duration activationDelay = system.vapi().config().freeNumberActivationDelay();
        assertThat(activationDelay).as("the simulator keeps a free number activating for a while").isPositive();
        assertThat(freeNumbersAtVapi()).as("a free number is left").isLessThan(system.vapi().config().freeNumberLimit());
        // The onboarding gives up waiting long before the simulator activates the number; the later poll does not.
        restartOrchestrator(Map.of("switchboard.numbers.provider", "VAPI_FREE",
                "switchboard.numbers.free-number-poll-interval", "200ms",
                "switchboard.numbers.free-number-wait-limit", "400ms",
                "switchboard.numbers.pending-activation-check-interval", "500ms"));
        try {
            String orgId = SystemClient.newOrgId("pending");
            client.approve(orgId, "Pending Line", "415");

            AiStatusResponse active = await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> client.status(orgId), s -> "active".equals(s.status()));
            assertThat(active.phoneNumber()).startsWith("+1415555");
            assertThat(active.setupCompleted()).isTrue();
            PhoneNumber atVapi = system.vapi().phoneNumbers().stream()
                    .filter(p -> active.phoneNumber().equals(p.visibleNumber())).findFirst().orElseThrow();
            assertThat(atVapi.provider()).isEqualTo("vapi");
            assertThat(atVapi.assistantId()).as("the same number, kept through the wait")
                    .isEqualTo(active.assistants().inbound());
            // The onboarding stopped waiting without undoing anything; the line was pending, with no email yet.
            SagaResponse onboarding = client.sagas(orgId, "onboarding").get(0);
            assertThat(onboarding.state()).isEqualTo("COMPLETED");
            assertThat(step(onboarding, "await-vapi-number").status()).isEqualTo("FAILED");
            assertThat(step(onboarding, "await-vapi-number").errorCode()).isIn("NOT_READY", "TIMEOUT");
            assertThat(step(onboarding, "save-ai-config").status()).isEqualTo("SUCCEEDED");
            assertThat(step(onboarding, "send-approval-email").status()).isEqualTo("SKIPPED");
            assertThat(onboarding.steps()).as("nothing undone").noneMatch(s -> s.direction().equals("COMPENSATION"));
            SagaResponse activation = await().atMost(SAGA_TIMEOUT).ignoreExceptions()
                    .until(() -> client.sagas(orgId, "free-number-activation").stream()
                            .filter(s -> "COMPLETED".equals(s.state()) && step(s, "fill-in-number").status().equals("SUCCEEDED"))
                            .findFirst().orElse(null), s -> s != null);
            assertThat(step(activation, "send-approval-email").status()).isEqualTo("SUCCEEDED");
            List<MimeMessage> mail = system.stack().smtp().awaitMessagesTo(SystemClient.ownerOf(orgId), 1,
                    Duration.ofSeconds(20));
            assertThat(mail).hasSize(1);
        } finally {
            restartOrchestrator(Map.of());
        }
    }

    private static void restartOrchestrator(Map<String, String> settings) {
        system.stopService(Services.Kind.ORCHESTRATOR);
        system.startService(Services.Kind.ORCHESTRATOR, settings);
    }

    private static long freeNumbersAtVapi() {
        return system.vapi().phoneNumbers().stream().filter(p -> "vapi".equals(p.provider())).count();
    }

    private String createFreeNumberAtVapi() {
        String body = send(HttpRequest.newBuilder(URI.create(system.vapi().baseUrl() + "/phone-number"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"provider\":\"vapi\",\"name\":\"another app\"}")), 201);
        return body.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private void deleteAtVapi(String id) {
        send(HttpRequest.newBuilder(URI.create(system.vapi().baseUrl() + "/phone-number/" + id)).DELETE(), 200);
    }

    private String send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request
                    .header("Authorization", "Bearer " + system.vapi().config().apiKey())
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SagaResponse.Step step(SagaResponse saga, String name) {
        return saga.steps().stream().filter(s -> s.name().equals(name) && s.direction().equals("ACTION"))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + name));
    }
}
