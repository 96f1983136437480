package io.switchboard.orchestrator.onboarding;

import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.contracts.replies.AssistantCreated;
import io.switchboard.contracts.replies.NumberAcquired;
import io.switchboard.contracts.replies.PhoneNumberRegistered;
import io.switchboard.contracts.wire.Topics;
import io.switchboard.orchestrator.aiconfig.AssistantTemplateRef;
import io.switchboard.orchestrator.participants.AssistantConfigs;
import io.switchboard.saga.definition.RetryPolicy;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepPolicy;
import io.switchboard.saga.definition.StepPolicyLookup;
import io.switchboard.saga.testkit.SagaScenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Onboarding v5 with assistant templates: the resolved template travels in the command, its version comes back. */
class TemplatedOnboardingSagaTest {
    private static final OrganizationApproved ACME = new OrganizationApproved("org-acme", "Acme", "owner@acme.test",
            "verified", "US", "510", null);
    private static final StepPolicyLookup POLICIES = StepPolicyLookup.uniform(
            new StepPolicy(Duration.ofSeconds(30), RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(10))),
            new StepPolicy(Duration.ofSeconds(30), RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(10))));

    private final List<OnboardingData> saved = new ArrayList<>();
    private final List<String> resolvedFor = new ArrayList<>();

    private final AssistantConfigs templates = (orgId, orgName, role) -> {
        resolvedFor.add(orgId + "/" + role);
        return Optional.of(new AssistantConfig("dental", 4, "You are the " + role + " assistant of " + orgName,
                "Hello from " + orgName, "openai", "gpt-4o", "vapi", "Elliot"));
    };

    private SagaScenario<OnboardingData> started(AssistantConfigs assistants) {
        SagaDefinition<OnboardingData> definition = OnboardingSaga.definition((data, step) -> data,
                (data, step) -> data, (data, step) -> data, (data, step) -> {
                    saved.add(data);
                    return data.withSetupDate("2026-01-01T00:00:00Z");
                }, NumberProperties.defaults(), assistants);
        return SagaScenario.given(definition, POLICIES, Duration.ZERO).routedBy(Topics::commandTopicOf)
                .startedWith(OnboardingData.from(ACME));
    }

    @Test
    void bothCreateAssistantCommandsCarryTheOrganizationsResolvedTemplate() {
        SagaScenario<OnboardingData> saga = started(templates);

        CreateAssistant inbound = saga.command("create-inbound-assistant", CreateAssistant.class);
        CreateAssistant outbound = saga.command("create-outbound-assistant", CreateAssistant.class);

        assertThat(inbound.assistant()).isEqualTo(new AssistantConfig("dental", 4, "You are the INBOUND assistant of Acme",
                "Hello from Acme", "openai", "gpt-4o", "vapi", "Elliot"));
        assertThat(outbound.assistant().systemPrompt()).isEqualTo("You are the OUTBOUND assistant of Acme");
        assertThat(resolvedFor).as("resolved once per step, for the saga's organization")
                .containsExactlyInAnyOrder("org-under-test/INBOUND", "org-under-test/OUTBOUND");
        assertThat(inbound.name()).isEqualTo("Acme inbound");
    }

    @Test
    void theTemplateEachAssistantReportsIsWhatTheLineSaves() {
        SagaScenario<OnboardingData> saga = started(templates)
                .reply("acquire-number", new NumberAcquired("+15105550100", "PN1", NumberAcquired.Source.PURCHASED))
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound", "dental", 4))
                // adopted from an earlier attempt made from version 3: the reply says what the assistant really runs
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound", "dental", 3));
        saga.reply("register-number", new PhoneNumberRegistered("vapi-pn-1", "+15105550100", "asst-in"));

        assertThat(saved).singleElement().satisfies(data -> {
            assertThat(data.inboundTemplate()).isEqualTo(new AssistantTemplateRef("dental", 4));
            assertThat(data.outboundTemplate()).isEqualTo(new AssistantTemplateRef("dental", 3));
        });
    }

    @Test
    void withoutTemplatesTheCommandsCarryNoConfigurationAndTheLineRecordsNone() {
        SagaScenario<OnboardingData> saga = started(AssistantConfigs.NONE);
        assertThat(saga.command("create-inbound-assistant", CreateAssistant.class).assistant()).isNull();

        saga.reply("acquire-number", new NumberAcquired("+15105550100", "PN1", NumberAcquired.Source.PURCHASED))
                .reply("create-inbound-assistant", new AssistantCreated("asst-in", "Acme inbound"))
                .reply("create-outbound-assistant", new AssistantCreated("asst-out", "Acme outbound"))
                .reply("register-number", new PhoneNumberRegistered("vapi-pn-1", "+15105550100", "asst-in"));

        assertThat(saved).singleElement().satisfies(data -> {
            assertThat(data.inboundTemplate()).isNull();
            assertThat(data.outboundTemplate()).isNull();
        });
    }
}
