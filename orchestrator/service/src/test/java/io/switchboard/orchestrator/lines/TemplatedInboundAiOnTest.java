package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AssistantTemplateRef;
import io.switchboard.orchestrator.config.SagaCatalog;
import io.switchboard.orchestrator.onboarding.NumberProperties;
import io.switchboard.orchestrator.onboarding.OnboardingSteps;
import io.switchboard.orchestrator.templates.TemplateUpdateSteps;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.RetryPolicy;
import io.switchboard.saga.definition.StepPolicy;
import io.switchboard.saga.definition.StepPolicyLookup;
import io.switchboard.saga.testkit.SagaScenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Inbound AI on for a line without an inbound assistant creates it from the organization's template. */
class TemplatedInboundAiOnTest {
    private static final StepPolicyLookup POLICIES = StepPolicyLookup.uniform(
            new StepPolicy(Duration.ofSeconds(30), RetryPolicy.exponential(2, Duration.ofSeconds(1), Duration.ofSeconds(10))),
            new StepPolicy(Duration.ofSeconds(30), RetryPolicy.exponential(2, Duration.ofSeconds(1), Duration.ofSeconds(10))));
    private static final AssistantConfig DENTAL_2 = new AssistantConfig("dental", 2, "prompt", "hello", "openai",
            "gpt-4o", "vapi", "Elliot");

    @Test
    void theMissingInboundAssistantIsCreatedFromTheTemplateAndItsReportedVersionIsKeptForTheLine() {
        LineData line = new LineData("acme", "Acme", "owner@acme.test", "US", "510", null, "+15105550100", "PN1",
                LineData.PURCHASED, false, null, null, "asst-out", false, null, null, null);
        SagaScenario<LineData> saga = SagaScenario.given(currentInboundAiOn(), POLICIES, Duration.ZERO)
                .routedBy(Topics::commandTopicOf).startedWith(line);

        assertThat(saga.command("create-inbound-assistant", CreateAssistant.class).assistant()).isEqualTo(DENTAL_2);
        saga.reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound", "dental", 2));
        assertThat(saga.command("register-number", RegisterPhoneNumber.class).assistantId()).isEqualTo("asst-in");

        LineData created = line.withInboundAssistant(new AssistantCreated("asst-in", "Acme inbound", "dental", 2));
        assertThat(created.inboundTemplate()).isEqualTo(new AssistantTemplateRef("dental", 2));
        assertThat(created.withoutInboundAssistant().inboundTemplate()).isNull();
    }

    /** The current inbound-ai-on as the orchestrator registers it, with templates resolving to dental v2. */
    @SuppressWarnings("unchecked")
    private static SagaDefinition<LineData> currentInboundAiOn() {
        return (SagaDefinition<LineData>) SagaCatalog.all(new OnboardingSteps(null, null, null, null),
                        new LineSteps(null, null, null, null, null), null, NumberProperties.defaults(),
                        (orgId, orgName, role) -> Optional.of(DENTAL_2), new TemplateUpdateSteps(null)).stream()
                .filter(saga -> saga.type().equals(InboundAiOnSaga.TYPE))
                .max(Comparator.comparingInt(SagaDefinition::version)).orElseThrow();
    }

    @Test
    void aReusedAssistantKeepsWhatTheLineRecordsForIt() {
        AiConfig config = new AiConfig("acme", "Acme", "owner@acme.test", Instant.parse("2026-01-01T00:00:00Z"));
        config.prepareWithoutNumber("asst-in", "asst-out", "US", "510", null, Instant.parse("2026-01-01T00:00:00Z"));
        config.recordInboundTemplate(new AssistantTemplateRef("default", 1));

        LineData line = LineData.of(config);

        assertThat(line.inboundTemplate()).isEqualTo(new AssistantTemplateRef("default", 1));
        assertThat(line.inboundAssistantCreated()).isFalse();
    }
}
