package io.switchboard.orchestrator.templates;

import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.AssistantRole;
import io.switchboard.contracts.commands.UpdateAssistant;
import io.switchboard.contracts.replies.AssistantUpdated;
import io.switchboard.contracts.replies.StepFailed;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AssistantTemplateRef;
import io.switchboard.saga.definition.RetryPolicy;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepPolicy;
import io.switchboard.saga.definition.StepPolicyLookup;
import io.switchboard.saga.testkit.SagaScenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Re-applying an organization's template to its existing assistants: the plan, and the saga that applies it. */
class AssistantTemplateUpdateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final AssistantTemplate DENTAL_3 = new AssistantTemplate("dental", 3, "You are the {role} assistant of {orgName}.",
            "Hello from {orgName}", null, "openai", "gpt-4o", "vapi", "Elliot", NOW, "ops");
    private static final StepPolicyLookup POLICIES = StepPolicyLookup.uniform(
            new StepPolicy(Duration.ofSeconds(30), RetryPolicy.exponential(2, Duration.ofSeconds(1), Duration.ofSeconds(10))),
            new StepPolicy(Duration.ofSeconds(30), RetryPolicy.exponential(2, Duration.ofSeconds(1), Duration.ofSeconds(10))));

    private static AiConfig line(AssistantTemplateRef inbound, AssistantTemplateRef outbound) {
        AiConfig config = new AiConfig("acme", "Acme", "owner@acme.test", NOW);
        config.prepareWithoutNumber("asst-in", "asst-out", "US", "510", null, NOW);
        config.recordInboundTemplate(inbound);
        config.recordOutboundTemplate(outbound);
        return config;
    }

    @Test
    void thePlanResolvesTheEffectiveTemplateForBothAssistantsAndSaysWhetherAnythingWouldChange() {
        AssistantTemplates.Effective effective = new AssistantTemplates.Effective(DENTAL_3, AssistantTemplates.Source.PINNED_LATEST);

        AssistantTemplateUpdates.Plan plan = AssistantTemplateUpdates.plan(
                line(new AssistantTemplateRef("dental", 2), new AssistantTemplateRef("dental", 3)), Optional.of(effective))
                .orElseThrow();

        assertThat(plan.target()).isEqualTo(new AssistantTemplateRef("dental", 3));
        assertThat(plan.upToDate()).isFalse();
        assertThat(plan.data().inbound().systemPrompt()).isEqualTo("You are the inbound assistant of Acme.");
        assertThat(plan.data().outbound().systemPrompt()).isEqualTo("You are the outbound assistant of Acme.");
        assertThat(AssistantTemplateUpdates.plan(line(new AssistantTemplateRef("dental", 3),
                new AssistantTemplateRef("dental", 3)), Optional.of(effective)).orElseThrow().upToDate()).isTrue();
        assertThat(AssistantTemplateUpdates.plan(line(null, null), Optional.empty())).as("no template applies").isEmpty();
    }

    @Test
    void thePlanSaysForPeopleWhatChangesPerAssistant() {
        Optional<AssistantTemplates.Effective> effective =
                Optional.of(new AssistantTemplates.Effective(DENTAL_3, AssistantTemplates.Source.DEFAULT));

        assertThat(AssistantTemplateUpdates.plan(line(new AssistantTemplateRef("dental", 1),
                new AssistantTemplateRef("dental", 2)), effective).orElseThrow().change())
                .isEqualTo("update inbound v1→v3, outbound v2→v3 (template dental)");
        assertThat(AssistantTemplateUpdates.plan(line(null, new AssistantTemplateRef("default", 1)), effective)
                .orElseThrow().change()).as("created before templates; moved from another template")
                .isEqualTo("update inbound none→v3, outbound default v1→v3 (template dental)");
        AiConfig inboundOnly = new AiConfig("solo", "Solo", "owner@solo.test", NOW);
        inboundOnly.prepareWithoutNumber("asst-in", null, "US", "510", null, NOW);
        assertThat(AssistantTemplateUpdates.plan(inboundOnly, effective).orElseThrow().change())
                .isEqualTo("update inbound none→v3 (template dental)");
    }

    @Test
    void theSagaUpdatesEachAssistantAndRecordsWhatItReportsRightAfterIt() {
        List<String> recorded = new ArrayList<>();
        TemplateUpdateSteps steps = new TemplateUpdateSteps(null) {
            @Override
            public TemplateUpdateData recordInbound(TemplateUpdateData data, io.switchboard.saga.definition.StepContext step) {
                recorded.add("inbound " + data.inboundTemplate());
                return data;
            }

            @Override
            public TemplateUpdateData recordOutbound(TemplateUpdateData data, io.switchboard.saga.definition.StepContext step) {
                recorded.add("outbound " + data.outboundTemplate());
                return data;
            }
        };
        TemplateUpdateData data = AssistantTemplateUpdates.plan(line(null, null),
                Optional.of(new AssistantTemplates.Effective(DENTAL_3, AssistantTemplates.Source.DEFAULT))).orElseThrow().data();
        SagaDefinition<TemplateUpdateData> definition = AssistantTemplateUpdateSaga.definition(steps);

        SagaScenario<TemplateUpdateData> saga = SagaScenario.given(definition, POLICIES, Duration.ZERO)
                .routedBy(Topics::commandTopicOf).startedWith(data);
        UpdateAssistant inbound = saga.command("update-inbound-assistant", UpdateAssistant.class);
        assertThat(inbound.assistantId()).isEqualTo("asst-in");
        assertThat(inbound.role()).isEqualTo(AssistantRole.INBOUND);
        assertThat(inbound.assistant()).isEqualTo(new AssistantConfig("dental", 3, "You are the inbound assistant of Acme.",
                "Hello from Acme", "openai", "gpt-4o", "vapi", "Elliot"));

        saga.reply("update-inbound-assistant", new AssistantUpdated("asst-in", "dental", 3));
        assertThat(recorded).containsExactly("inbound AssistantTemplateRef[name=dental, version=3]");
        assertThat(saga.command("update-outbound-assistant", UpdateAssistant.class).assistantId()).isEqualTo("asst-out");

        saga.reply("update-outbound-assistant", new StepFailed(StepFailed.OWNED_BY_ANOTHER_ORGANIZATION,
                "not this organization's", false, "vapi", null));
        assertThat(recorded).as("the outbound record is left as it was").hasSize(1);
    }
}
