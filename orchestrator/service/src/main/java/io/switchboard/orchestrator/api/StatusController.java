package io.switchboard.orchestrator.api;

import io.switchboard.contracts.events.OrganizationApproved;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AssistantTemplateRef;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.api.ops.SagaActions;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.orchestrator.onboarding.OnboardingSaga;
import io.switchboard.orchestrator.organizations.OrganizationRecord;
import io.switchboard.orchestrator.organizations.Organizations;
import io.switchboard.saga.persistence.SagaState;
import io.switchboard.saga.persistence.SagaStep;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read-only status of organizations' lines and of sagas. */
@RestController
@RequestMapping("/api/v1")
public class StatusController {
    private final AiConfigRepository configs;
    private final SagaStore sagas;
    private final Organizations organizations;
    private final JsonCodec codec;

    public StatusController(AiConfigRepository configs, SagaStore sagas, Organizations organizations,
                            JsonCodec codec) {
        this.configs = configs;
        this.sagas = sagas;
        this.organizations = organizations;
        this.codec = codec;
    }

    @GetMapping("/organizations/{orgId}/ai-status")
    @Transactional(readOnly = true)
    public AiStatusResponse aiStatus(@PathVariable String orgId) {
        Optional<AiConfig> config = configs.findById(orgId);
        Optional<SagaInstance> latestSaga = sagas.ofOrg(orgId).stream().findFirst();
        AiStatusResponse.LatestSaga latest = latestSaga
                .map(s -> new AiStatusResponse.LatestSaga(s.id().toString(), s.sagaType(), s.state().name(),
                        s.failedStep(), s.failureReason()))
                .orElse(null);
        AiStatusResponse.Organization organization = organization(orgId, config);
        if (config.isEmpty()) {
            // An onboarding that failed (undone, or parked with its undo failed) is a setup that did not complete:
            // the documents' clients show it as such and offer the retry.
            boolean failedSetup = latestSaga.filter(StatusController::failedOnboarding).isPresent();
            return new AiStatusResponse(orgId, failedSetup, false,
                    failedSetup ? AiStatusResponse.FAILED : AiStatusResponse.NONE, null, null, null, latest,
                    organization);
        }
        AiConfig c = config.get();
        return new AiStatusResponse(orgId, true, c.setupCompleted(), c.status(), c.phoneNumber(),
                new AiStatusResponse.Assistants(c.inboundAssistantId(), c.outboundAssistantId(),
                        template(c.inboundTemplate()), template(c.outboundTemplate())), c.setupDate(), latest,
                organization);
    }

    private static boolean failedOnboarding(SagaInstance saga) {
        return OnboardingSaga.TYPE.equals(saga.sagaType())
                && (saga.state() == SagaState.COMPENSATED || saga.state() == SagaState.FAILED);
    }

    /** Upstream's word where it was recorded; for older lines what the line itself says. */
    private AiStatusResponse.Organization organization(String orgId, Optional<AiConfig> config) {
        Optional<OrganizationRecord> recorded = organizations.find(orgId);
        String name = recorded.map(OrganizationRecord::companyName).orElse(config.map(AiConfig::orgName).orElse(null));
        boolean inboundAi = recorded.map(OrganizationRecord::inboundAi)
                .orElse(config.map(c -> AiConfig.ACTIVE.equals(c.status())).orElse(false));
        // A line from before upstream's word was recorded came from a verified approval; a recorded organization
        // that was only ever toggled has no verification status.
        String status = recorded.isPresent() ? recorded.get().status()
                : config.isPresent() ? OrganizationApproved.STATUS_VERIFIED : null;
        return new AiStatusResponse.Organization(orgId, name, inboundAi, status);
    }

    @GetMapping("/sagas/{sagaId}")
    @Transactional(readOnly = true)
    public SagaResponse saga(@PathVariable String sagaId) {
        SagaInstance saga = parse(sagaId).flatMap(sagas::find)
                .orElseThrow(() -> SagaActions.sagaNotFound(sagaId));
        List<SagaResponse.Step> steps = saga.steps().stream()
                .sorted(Comparator.comparing(SagaStep::startedAt))
                .map(this::step)
                .toList();
        return new SagaResponse(saga.id().toString(), saga.sagaType(), saga.definitionVersion(), saga.orgId(),
                saga.state().name(), saga.failedStep(), saga.failureReason(), saga.createdAt(), saga.updatedAt(),
                saga.finishedAt(), steps);
    }

    private SagaResponse.Step step(SagaStep step) {
        Long duration = step.finishedAt() == null ? null
                : Duration.between(step.startedAt(), step.finishedAt()).toMillis();
        return new SagaResponse.Step(step.name(), step.direction().name(), step.status().name(), step.attempt(),
                step.countedAttempts(),
                step.commandType(), json(step.inputJson()), step.replyType(), json(step.outputJson()),
                step.errorCode(), step.errorMessage(), step.startedAt(), step.finishedAt(), duration,
                step.attemptStartedAt());
    }

    private Object json(String value) {
        return value == null ? null : codec.decodeLenient(value, Object.class);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static AiStatusResponse.Template template(AssistantTemplateRef ref) {
        return ref == null ? null : new AiStatusResponse.Template(ref.name(), ref.version());
    }
}
