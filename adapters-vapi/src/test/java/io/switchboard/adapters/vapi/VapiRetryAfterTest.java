package io.switchboard.adapters.vapi;

import feign.Request;
import feign.Response;
import io.switchboard.adapters.vapi.client.VapiErrorDecoder;
import io.switchboard.adapters.vapi.errors.VapiFailure;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.Reply;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.messaging.worker.CommandDeadline;
import io.switchboard.sim.common.FaultRule;
import io.switchboard.sim.vapi.VapiSimulator;
import io.switchboard.sim.vapi.VapiSimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** VAPI's 429 with {@code Retry-After}: decoded from the Feign response and honoured by the provider guard. */
class VapiRetryAfterTest {
    private static final String CREATE = "AssistantController_create";
    private static VapiSimulator simulator;
    private VapiHarness harness;

    @BeforeAll
    static void startSimulator() {
        simulator = VapiSimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        harness = new VapiHarness(VapiHarness.properties(simulator.baseUrl(), VapiSimulatorConfig.DEFAULT_API_KEY));
    }

    private static CreateAssistant inbound(String orgName) {
        return new CreateAssistant("org-" + UUID.randomUUID(), UUID.randomUUID() + ":inbound-assistant", orgName,
                AssistantRole.INBOUND, AssistantRole.INBOUND.assistantName(orgName));
    }

    @Test
    void aRateLimitedCreateIsRepeatedNoSoonerThanRetryAfter() {
        simulator.faults().add(FaultRule.forOperation(CREATE).onNthCall(1).fail(429).withRetryAfterSeconds(2));
        long started = System.nanoTime();

        Reply reply = harness.handle(inbound("Globex"));

        // The backoff here is 20 ms: a pause of two seconds can only be VAPI's Retry-After.
        assertThat(reply).isInstanceOf(AssistantCreated.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(simulator.stats().count(CREATE)).isEqualTo(2);
        assertThat(simulator.assistantCreateCount()).isEqualTo(1);
    }

    @Test
    void aRetryAfterBeyondTheCommandsDeadlineGivesUpAtOnceWithARetryableReply() {
        simulator.faults().add(FaultRule.forOperation(CREATE).always().fail(429).withRetryAfterSeconds(15));
        long started = System.nanoTime();

        Reply reply = CommandDeadline.runWithin(Instant.now().plusSeconds(4), () -> harness.handle(inbound("Soylent")));

        assertThat(reply).isInstanceOfSatisfying(StepFailed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(StepFailed.RATE_LIMITED);
            assertThat(f.retryable()).isTrue();
        });
        assertThat(simulator.stats().count(CREATE)).as("not repeated").isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void theDecoderReadsRetryAfterAsSecondsOrAnHttpDateWhateverTheHeaderCase() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        VapiErrorDecoder decoder = new VapiErrorDecoder(clock);

        VapiFailure seconds = (VapiFailure) decoder.decode("create", response(429, Map.of("retry-after", List.of("7"))));
        VapiFailure date = (VapiFailure) decoder.decode("create",
                response(429, Map.of("Retry-After", List.of("Mon, 23 Nov 2026 10:01:00 GMT"))));
        VapiFailure none = (VapiFailure) decoder.decode("create", response(503, Map.of()));

        assertThat(seconds.kind()).isEqualTo(VapiFailure.Kind.RATE_LIMITED);
        assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(date.retryAfter()).contains(Duration.ofMinutes(1));
        assertThat(none.retryAfter()).isEmpty();
    }

    private static Response response(int status, Map<String, Collection<String>> headers) {
        Request request = Request.create(Request.HttpMethod.POST, "https://api.vapi.ai/assistant", Map.of(),
                new byte[0], StandardCharsets.UTF_8, null);
        return Response.builder().status(status).request(request).headers(headers)
                .body("{\"statusCode\":" + status + "}", StandardCharsets.UTF_8).build();
    }
}
