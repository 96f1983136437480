package io.switchboard.orchestrator.templates;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.FieldError;
import io.switchboard.orchestrator.api.problems.ProblemType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A template is stored only when VAPI's document would accept what it becomes. */
class TemplateRulesTest {
    private final TemplateRules rules = new TemplateRules(VapiProviderCatalog.load(),
            new TemplateProperties("default", 100, 50));

    private static TemplateStore.NewTemplate valid() {
        return new TemplateStore.NewTemplate("dental-2", "You are the {role} assistant of {orgName}.\nBe brief.\t",
                "Hello from {orgName}", null, "openai", "gpt-4o", "vapi", "Elliot", "ops");
    }

    @Test
    void aValidTemplatePasses() {
        assertThatCode(() -> rules.check(valid())).doesNotThrowAnyException();
        assertThatCode(() -> rules.check(new TemplateStore.NewTemplate("x", "p", "f", "o", "together-ai",
                "any/model-name", "deepgram", "asteria", "ops"))).doesNotThrowAnyException();
    }

    @Test
    void everyBadFieldIsNamedInOneInvalidRequestProblem() {
        TemplateStore.NewTemplate bad = new TemplateStore.NewTemplate("Bad Name", "x".repeat(101), "Hi\u0007 there",
                "Hi {customer}", "acme-llm", "gpt-4o", "11labs", "sarah", "ops\n");

        assertThatThrownBy(() -> rules.check(bad))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    org.assertj.core.api.Assertions.assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST);
                    @SuppressWarnings("unchecked")
                    List<FieldError> errors = (List<FieldError>) problem.properties().get("errors");
                    org.assertj.core.api.Assertions.assertThat(errors).extracting(FieldError::field)
                            .containsExactlyInAnyOrder("name", "systemPrompt", "firstMessage", "outboundFirstMessage",
                                    "model.provider", "voice.voiceId", "createdBy");
                });
    }

    @Test
    void aModelOrVoiceTheDocumentDoesNotListForTheProviderIsRefused() {
        assertField(new TemplateStore.NewTemplate("t", "p", "f", null, "openai", "gpt-nonexistent", "vapi", "Elliot",
                "ops"), "model.model");
        assertField(new TemplateStore.NewTemplate("t", "p", "f", null, "openai", "gpt-4o", "deepgram", "nobody",
                "ops"), "voice.voiceId");
        assertField(new TemplateStore.NewTemplate("t", "p", "f", null, "openai", "gpt-4o", "custom-voice", "v",
                "ops"), "voice.provider");
        assertField(new TemplateStore.NewTemplate("t", "p", "f", null, "openai", "gpt-4o", "xai", "y".repeat(121),
                "ops"), "voice.voiceId");
        assertField(new TemplateStore.NewTemplate("t", "p", null, null, "openai", "gpt-4o", "vapi", "Elliot",
                "ops"), "firstMessage");
    }

    private void assertField(TemplateStore.NewTemplate template, String field) {
        assertThatThrownBy(() -> rules.check(template)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            @SuppressWarnings("unchecked")
            List<FieldError> errors = (List<FieldError>) problem.properties().get("errors");
            org.assertj.core.api.Assertions.assertThat(errors).extracting(FieldError::field).containsExactly(field);
        });
    }
}
