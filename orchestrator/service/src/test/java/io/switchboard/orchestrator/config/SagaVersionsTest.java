package io.switchboard.orchestrator.config;

import io.switchboard.orchestrator.lines.LineSteps;
import io.switchboard.orchestrator.onboarding.NumberProperties;
import io.switchboard.orchestrator.onboarding.OnboardingSteps;
import io.switchboard.saga.definition.SagaDefinition;
import io.switchboard.saga.definition.StepDefinition;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registered saga versions are frozen: instances in flight are pinned to (type, version) and resume by step name, so a
 * version's steps may never change. Changing a saga means adding a version (and a line here); removing one is allowed
 * once no instance of it is left.
 */
class SagaVersionsTest {

    @Test
    void everyRegisteredVersionKeepsItsSteps() {
        List<SagaDefinition<?>> all = SagaCatalog.all(new OnboardingSteps(null, null, null, null),
                new LineSteps(null, null, null, null, null), null, NumberProperties.defaults());
        Map<String, String> steps = new LinkedHashMap<>();
        all.forEach(saga -> steps.put(saga.type() + " v" + saga.version(),
                saga.steps().stream().map(StepDefinition::name).collect(Collectors.joining(" "))));

        assertThat(steps).containsExactlyEntriesOf(FROZEN);
    }

    private static final Map<String, String> FROZEN = frozen();

    private static Map<String, String> frozen() {
        Map<String, String> frozen = new LinkedHashMap<>();
        frozen.put("onboarding v5",
                "notify-owner-on-failure choose-number-provider take-pooled-number assign-pooled-number claim-own-number acquire-number create-inbound-assistant create-outbound-assistant register-number check-free-number-limit create-free-vapi-number fall-back-to-twilio fallback-acquire-number fallback-register-number await-vapi-number save-ai-config send-approval-email");
        frozen.put("onboarding v4",
                "notify-owner-on-failure choose-number-provider take-pooled-number assign-pooled-number claim-own-number acquire-number create-inbound-assistant create-outbound-assistant register-number create-free-vapi-number await-vapi-number save-ai-config send-approval-email");
        frozen.put("onboarding v3",
                "notify-owner-on-failure choose-number-provider take-pooled-number assign-pooled-number acquire-number create-inbound-assistant create-outbound-assistant register-number create-free-vapi-number await-vapi-number save-ai-config send-approval-email");
        frozen.put("onboarding v2",
                "notify-owner-on-failure choose-number-provider take-pooled-number acquire-number create-inbound-assistant create-outbound-assistant register-number create-free-vapi-number await-vapi-number save-ai-config send-approval-email");
        frozen.put("onboarding v1",
                "notify-owner-on-failure take-pooled-number acquire-number create-inbound-assistant create-outbound-assistant register-number save-ai-config send-approval-email");
        frozen.put("free-number-activation v1", "await-vapi-number fill-in-number send-approval-email");
        frozen.put("inbound-ai-on v4",
                "create-inbound-assistant create-free-vapi-number claim-own-number take-pooled-number assign-pooled-number acquire-number register-number await-vapi-number activate-ai-config");
        frozen.put("inbound-ai-on v3",
                "create-inbound-assistant claim-own-number take-pooled-number assign-pooled-number acquire-number register-number activate-ai-config");
        frozen.put("inbound-ai-on v2",
                "create-inbound-assistant take-pooled-number assign-pooled-number acquire-number register-number activate-ai-config");
        frozen.put("inbound-ai-on v1",
                "create-inbound-assistant take-pooled-number acquire-number register-number activate-ai-config");
        frozen.put("inbound-ai-off v3",
                "mark-deactivating delete-vapi-registration hand-back-trial-number hand-number-to-pool return-number-to-pool release-number deactivate-ai-config");
        frozen.put("inbound-ai-off v2",
                "mark-deactivating delete-vapi-registration hand-back-trial-number hand-number-to-pool return-number-to-pool release-number deactivate-ai-config");
        frozen.put("inbound-ai-off v1",
                "mark-deactivating delete-vapi-registration return-number-to-pool release-number deactivate-ai-config");
        frozen.put("cleanup v3",
                "mark-deactivating delete-vapi-registration hand-back-trial-number hand-number-to-pool return-number-to-pool release-number delete-inbound-assistant delete-outbound-assistant delete-ai-config");
        frozen.put("cleanup v2",
                "mark-deactivating delete-vapi-registration hand-back-trial-number hand-number-to-pool return-number-to-pool release-number delete-inbound-assistant delete-outbound-assistant delete-ai-config");
        frozen.put("cleanup v1",
                "mark-deactivating delete-vapi-registration return-number-to-pool release-number delete-inbound-assistant delete-outbound-assistant delete-ai-config");
        frozen.put("number-assistant-link v1", "bind-number save-number-assistant");
        frozen.put("add-number v1",
                "claim-own-number take-pooled-number assign-pooled-number acquire-number check-number-unused register-number save-line-number");
        frozen.put("remove-number v1",
                "mark-removing delete-vapi-registration hand-number-to-pool return-number-to-pool release-number forget-line-number");
        frozen.put("pool-provision v2",
                "acquire-number add-to-pool");
        frozen.put("pool-provision v1",
                "acquire-number add-to-pool");
        frozen.put("pool-release-idle v2",
                "release-number remove-from-pool");
        frozen.put("pool-release-idle v1",
                "release-number remove-from-pool");
        frozen.put("assistant-template-update v1",
                "update-inbound-assistant record-inbound-template update-outbound-assistant record-outbound-template");
        return frozen;
    }
}
