package io.switchboard.orchestrator.config;

import io.switchboard.orchestrator.onboarding.FreeNumberActivationSaga;

import io.switchboard.orchestrator.lines.AddNumberSaga;
import io.switchboard.orchestrator.lines.CleanupSaga;
import io.switchboard.orchestrator.lines.InboundAiOffSaga;
import io.switchboard.orchestrator.lines.InboundAiOnSaga;
import io.switchboard.orchestrator.lines.LineNumberSteps;
import io.switchboard.orchestrator.lines.LineSteps;
import io.switchboard.orchestrator.lines.NumberAssistantLinkSaga;
import io.switchboard.orchestrator.lines.RemoveNumberSaga;
import io.switchboard.orchestrator.onboarding.NumberProperties;
import io.switchboard.orchestrator.onboarding.OnboardingSaga;
import io.switchboard.orchestrator.onboarding.OnboardingSteps;
import io.switchboard.orchestrator.participants.AssistantConfigs;
import io.switchboard.orchestrator.templates.AssistantTemplateUpdateSaga;
import io.switchboard.orchestrator.templates.TemplateUpdateSteps;
import io.switchboard.orchestrator.pool.NumberPool;
import io.switchboard.orchestrator.pool.PoolSagas;
import io.switchboard.saga.definition.SagaDefinition;

import java.util.List;

/**
 * Every saga the orchestrator runs, and every older version still registered for instances started before it
 * changed. A version is frozen code: change a saga by adding a version, and keep the old one here until its last
 * instance has finished (SagaVersionsTest pins each version's steps).
 */
public final class SagaCatalog {
    private SagaCatalog() {
    }

    public static List<SagaDefinition<?>> all(OnboardingSteps onboarding, LineSteps lines, NumberPool pool,
                                              NumberProperties numbers) {
        return all(onboarding, lines, pool, numbers, AssistantConfigs.NONE, new TemplateUpdateSteps(null));
    }

    /**
     * @param assistants      the assistant templates the current versions create assistants from
     * @param templateUpdates the local steps of re-applying a template to existing assistants
     */
    public static List<SagaDefinition<?>> all(OnboardingSteps onboarding, LineSteps lines, NumberPool pool,
                                              NumberProperties numbers, AssistantConfigs assistants,
                                              TemplateUpdateSteps templateUpdates) {
        return all(onboarding, lines, new LineNumberSteps(null, null, null, null), pool, numbers, assistants,
                templateUpdates);
    }

    /** @param lineNumbers the local steps of an organization's additional numbers */
    public static List<SagaDefinition<?>> all(OnboardingSteps onboarding, LineSteps lines, LineNumberSteps lineNumbers,
                                              NumberPool pool, NumberProperties numbers, AssistantConfigs assistants,
                                              TemplateUpdateSteps templateUpdates) {
        return List.of(
                OnboardingSaga.definition(onboarding::takePooledNumber, onboarding::returnPooledNumber,
                        onboarding::checkFreeNumberLimit, onboarding::saveLine, numbers, assistants),
                OnboardingSaga.version4(onboarding::takePooledNumber, onboarding::returnPooledNumber,
                        onboarding::saveLine, numbers),
                OnboardingSaga.version3(onboarding::takePooledNumber, onboarding::returnPooledNumber,
                        onboarding::saveActive, numbers),
                OnboardingSaga.version2(onboarding::takePooledNumber, onboarding::returnPooledNumber,
                        onboarding::saveActive, numbers),
                OnboardingSaga.version1(onboarding::takePooledNumber, onboarding::returnPooledNumber,
                        onboarding::saveActive),
                FreeNumberActivationSaga.definition(onboarding::fillInFreeNumber, numbers),
                InboundAiOnSaga.definition(lines, numbers, assistants),
                InboundAiOnSaga.version3(lines, assistants),
                InboundAiOnSaga.version2(lines),
                InboundAiOnSaga.version1(lines),
                InboundAiOffSaga.definition(lines),
                InboundAiOffSaga.version2(lines),
                InboundAiOffSaga.version1(lines),
                CleanupSaga.definition(lines),
                CleanupSaga.version2(lines),
                CleanupSaga.version1(lines),
                NumberAssistantLinkSaga.definition((data, step) -> lineNumbers.saveNumberAssistant(data, step, lines)),
                AddNumberSaga.definition(lines, lineNumbers),
                RemoveNumberSaga.definition(lines, lineNumbers),
                PoolSagas.provision(pool),
                PoolSagas.provisionVersion1(pool),
                PoolSagas.releaseIdle(pool),
                PoolSagas.releaseIdleVersion1(pool),
                AssistantTemplateUpdateSaga.definition(templateUpdates));
    }
}
