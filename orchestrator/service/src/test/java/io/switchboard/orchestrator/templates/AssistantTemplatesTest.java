package io.switchboard.orchestrator.templates;

import io.switchboard.contracts.commands.AssistantConfig;
import io.switchboard.contracts.commands.AssistantRole;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Which template version an organization's next assistant gets: its pin, else the default. */
class AssistantTemplatesTest {
    private final InMemoryTemplateStore store = new InMemoryTemplateStore();
    private final TemplateProperties properties = TemplateProperties.defaults();
    private final AssistantTemplates templates = new AssistantTemplates(store,
            new TemplateRules(VapiProviderCatalog.load(), properties), properties,
            Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC));

    private static TemplateStore.NewTemplate template(String name, String firstMessage) {
        return new TemplateStore.NewTemplate(name, "You are the {role} assistant of {orgName}.", firstMessage, null,
                "openai", "gpt-4o", "vapi", "Elliot", "test");
    }

    @Test
    void anOrganizationWithoutAPinGetsTheDefaultTemplatesLatestVersion() {
        templates.addVersion(template("default", "Hello v1"));
        templates.addVersion(template("default", "Hello v2"));

        AssistantTemplates.Effective effective = templates.effective("acme").orElseThrow();

        assertThat(effective.source()).isEqualTo(AssistantTemplates.Source.DEFAULT);
        assertThat(effective.template().version()).isEqualTo(2);
        assertThat(templates.resolve("acme", "Acme", AssistantRole.INBOUND)).get()
                .satisfies(c -> assertThat(c.firstMessage()).isEqualTo("Hello v2"));
    }

    @Test
    void aPinWithoutAVersionFollowsTheTemplatesLatestVersion() {
        templates.addVersion(template("default", "Hello"));
        templates.addVersion(template("dental", "Dental v1"));
        assertThat(templates.pin("acme", "dental", null, "ops")).isPresent();
        templates.addVersion(template("dental", "Dental v2"));

        AssistantTemplates.Effective effective = templates.effective("acme").orElseThrow();

        assertThat(effective.source()).isEqualTo(AssistantTemplates.Source.PINNED_LATEST);
        assertThat(effective.template().name()).isEqualTo("dental");
        assertThat(effective.template().version()).isEqualTo(2);
        assertThat(templates.effective("globex").orElseThrow().template().name())
                .as("another organization still gets the default").isEqualTo("default");
    }

    @Test
    void aPinnedVersionStaysWhenTheTemplateGetsNewVersions() {
        templates.addVersion(template("dental", "Dental v1"));
        templates.pin("acme", "dental", 1, "ops");
        templates.addVersion(template("dental", "Dental v2"));

        AssistantTemplates.Effective effective = templates.effective("acme").orElseThrow();

        assertThat(effective.source()).isEqualTo(AssistantTemplates.Source.PINNED_VERSION);
        assertThat(effective.template().version()).isEqualTo(1);
        assertThat(effective.template().firstMessage()).isEqualTo("Dental v1");
    }

    @Test
    void unpinningGoesBackToTheDefault() {
        templates.addVersion(template("default", "Hello"));
        templates.addVersion(template("dental", "Dental"));
        templates.pin("acme", "dental", null, "ops");

        assertThat(templates.unpin("acme")).isTrue();

        assertThat(templates.effective("acme").orElseThrow().source()).isEqualTo(AssistantTemplates.Source.DEFAULT);
        assertThat(templates.unpin("acme")).as("nothing left to unpin").isFalse();
    }

    @Test
    void aPinToAnUnknownTemplateOrVersionPinsNothing() {
        templates.addVersion(template("default", "Hello"));
        templates.addVersion(template("dental", "Dental"));

        assertThat(templates.pin("acme", "nope", null, "ops")).isEmpty();
        assertThat(templates.pin("acme", "dental", 7, "ops")).isEmpty();

        assertThat(templates.pin("acme")).isEmpty();
        assertThat(templates.effective("acme").orElseThrow().source()).isEqualTo(AssistantTemplates.Source.DEFAULT);
    }

    @Test
    void withoutADefaultTemplateAnUnpinnedOrganizationGetsTheWorkersDefaults() {
        assertThat(templates.effective("acme")).isEmpty();
        assertThat(templates.resolve("acme", "Acme", AssistantRole.INBOUND)).isEmpty();
    }

    @Test
    void theResolvedConfigurationHasTheOrganizationsNameAndTheRoleFilledIn() {
        templates.addVersion(new TemplateStore.NewTemplate("default", "You are the {role} assistant of {orgName}.",
                "Thanks for calling {orgName}.", "Hi, {orgName} here.", "anthropic", "claude-sonnet-4-6", "11labs",
                "21m00Tcm4TlvDq8ikWAM", "test"));

        AssistantConfig inbound = templates.resolve("acme", "Acme", AssistantRole.INBOUND).orElseThrow();
        AssistantConfig outbound = templates.resolve("acme", "Acme", AssistantRole.OUTBOUND).orElseThrow();

        assertThat(inbound).isEqualTo(new AssistantConfig("default", 1, "You are the inbound assistant of Acme.",
                "Thanks for calling Acme.", "anthropic", "claude-sonnet-4-6", "11labs", "21m00Tcm4TlvDq8ikWAM"));
        assertThat(outbound.systemPrompt()).isEqualTo("You are the outbound assistant of Acme.");
        assertThat(outbound.firstMessage()).isEqualTo("Hi, Acme here.");
    }
}
