package io.switchboard.orchestrator.api;

import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.contracts.events.NumberSources;
import io.switchboard.messaging.codec.JsonCodec;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.api.ops.SagaActions;
import io.switchboard.orchestrator.lines.CleanupSaga;
import io.switchboard.orchestrator.lines.LineData;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.FieldErrors;
import io.switchboard.orchestrator.api.problems.ProblemType;
import io.switchboard.orchestrator.intake.OpsRequest;
import io.switchboard.orchestrator.intake.OrganizationEventIntake;
import io.switchboard.orchestrator.intake.SagaLauncher;
import io.switchboard.saga.persistence.SagaInstance;
import io.switchboard.saga.persistence.SagaStore;
import io.switchboard.saga.persistence.SagaState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Ops actions on one organization's line. Each is queued behind whatever saga the organization is running and
 * answered with 202 and a request id; {@code GET …/requests/{id}} then shows the saga it started and each step.
 */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}")
public class OrganizationSetupController {
    private final OrganizationEventIntake intake;
    private final SagaLauncher launcher;
    private final AiConfigRepository configs;
    private final SagaStore sagas;
    private final StatusController status;
    private final SagaActions sagaActions;
    private final JsonCodec codec;
    private final JdbcTemplate jdbc;

    public OrganizationSetupController(OrganizationEventIntake intake, SagaLauncher launcher, AiConfigRepository configs,
                                       SagaStore sagas, StatusController status, SagaActions sagaActions,
                                       JsonCodec codec, JdbcTemplate jdbc) {
        this.intake = intake;
        this.launcher = launcher;
        this.configs = configs;
        this.sagas = sagas;
        this.status = status;
        this.sagaActions = sagaActions;
        this.codec = codec;
        this.jdbc = jdbc;
    }

    /**
     * Body of {@code POST …/retry-ai-setup}, every member optional (the failed onboarding's values are kept).
     *
     * @param country     ISO 3166-1 alpha-2, in capitals ({@code US})
     * @param countryCode the same, under the name the documents' clients send; either may be given (both: equal)
     * @param areaCode    three digits ({@code 415})
     * @param numberSource where the number comes from: {@code pool_first}, {@code force_twilio}, {@code own_number},
     *                    {@code vapi_free}, {@code none} (as in the events)
     * @param ownNumber   with {@code own_number}: a {@code PN…} SID or E.164 number of the organization's own Twilio
     *                    account, or {@code any}
     */
    public record RetrySetupRequest(String country, String countryCode, String areaCode, String numberSource,
                                    String ownNumber) {
        String effectiveCountry() {
            return country != null ? country : countryCode;
        }
    }

    /**
     * @param cleaningUpSagaId the failed onboarding whose leftovers are removed first (its undo resumed), or
     *                         {@code null}
     */
    public record Accepted(String requestId, String statusUrl, String cleaningUpSagaId) {
    }

    /** @param cleanup for a cleanup request that started its saga: what happened to each resource */
    public record RequestStatus(String requestId, String type, String status, String note, SagaResponse saga,
                                CleanupResults cleanup) {
    }

    /**
     * Retries a failed onboarding. When that onboarding could not undo everything it created (it is parked as
     * {@code FAILED}), its undo is resumed first, and the new onboarding waits in the organization's queue until the
     * leftovers are gone; if the undo fails again, the request ends {@code IGNORED} with the reason.
     */
    @PostMapping("/retry-ai-setup")
    @Transactional
    public ResponseEntity<Accepted> retrySetup(@PathVariable String orgId, @RequestBody(required = false) RetrySetupRequest body) {
        RetrySetupRequest request = body == null ? new RetrySetupRequest(null, null, null, null, null) : body;
        new FieldErrors().country("country", request.country()).country("countryCode", request.countryCode())
                .require(request.country() == null || request.countryCode() == null
                        || request.country().equals(request.countryCode()), "countryCode",
                        "names another country than country; send one of them")
                .areaCode("areaCode", request.areaCode())
                .require(NumberSources.valid(request.numberSource()), "numberSource",
                        "must be one of " + String.join(", ", NumberSources.ALL))
                .require(NumberSources.validOwnNumber(request.ownNumber()), "ownNumber",
                        "must be a Twilio Phone Number SID (PN + 32 hex digits), an E.164 number (+15105550100) or 'any'")
                .require(request.ownNumber() == null || request.numberSource() == null
                        || NumberSources.OWN_NUMBER.equals(request.numberSource()), "ownNumber",
                        "goes with numberSource own_number only")
                .throwIfAny();
        Optional<AiConfig> existing = configs.findById(orgId);
        if (existing.isPresent()) {
            throw new ApiProblem(ProblemType.SETUP_EXISTS, "Organization " + orgId + " already has an AI setup (status "
                    + existing.get().status() + "), so there is nothing to retry. To start over, DELETE /api/v1/"
                    + "organizations/" + orgId + "/ai-setup first, then retry.")
                    .with("orgId", orgId).with("setupStatus", existing.get().status());
        }
        if (launcher.lastOnboarding(orgId).isEmpty()) {
            throw new ApiProblem(ProblemType.ONBOARDING_NOT_FOUND, "Organization " + orgId + " was never onboarded, so "
                    + "there is no onboarding to retry; its first OrganizationApproved event starts one.")
                    .with("orgId", orgId);
        }
        Optional<SagaInstance> leftovers = launcher.lastOnboardingSaga(orgId).filter(s -> s.state() == SagaState.FAILED);
        // Resumes the failed undo (409 organization-busy if another saga runs); the retry queues behind it.
        leftovers.ifPresent(failed -> sagaActions.replay(failed.id(), false));
        String requestId = intake.accept(new OpsRequest.RetrySetup(orgId, request.effectiveCountry(), request.areaCode(),
                request.numberSource(), request.ownNumber()));
        return accepted(orgId, requestId, leftovers.map(s -> s.id().toString()).orElse(null));
    }

    @DeleteMapping("/ai-setup")
    @Transactional
    public ResponseEntity<Accepted> cleanup(@PathVariable String orgId) {
        if (!configs.existsById(orgId)) {
            throw new ApiProblem(ProblemType.AI_SETUP_NOT_FOUND, "Organization " + orgId + " has no AI setup to delete "
                    + "(never onboarded, or cleaned up already); GET …/ai-status shows its latest saga.")
                    .with("orgId", orgId);
        }
        return accepted(orgId, intake.accept(new OpsRequest.Cleanup(orgId)), null);
    }

    /**
     * Moves the organization's assistants to its effective template version now: one {@code update-assistants} item
     * (queued behind its running saga, planned at its turn; an organization already on that version is ignored, with
     * the reason in the request's status). Ops only ({@code AccessPolicy}).
     */
    @PostMapping("/assistant-template/apply")
    @Transactional
    public ResponseEntity<Accepted> applyAssistantTemplate(@PathVariable String orgId) {
        if (!configs.existsById(orgId)) {
            throw new ApiProblem(ProblemType.AI_SETUP_NOT_FOUND, "Organization " + orgId + " has no AI setup, so no "
                    + "assistants to update; its next assistants are created from its template anyway.")
                    .with("orgId", orgId);
        }
        return accepted(orgId, intake.accept(new OpsRequest.UpdateAssistants(orgId)), null);
    }

    @GetMapping("/requests/{requestId}")
    @Transactional(readOnly = true)
    public RequestStatus request(@PathVariable String orgId, @PathVariable String requestId) {
        List<RequestStatus> found = jdbc.query(
                "select event_type, status, note, saga_id from org_event where org_id = ? and event_id = ?",
                (rs, i) -> {
                    UUID sagaId = rs.getObject(4, UUID.class);
                    SagaResponse saga = sagaId == null ? null : status.saga(sagaId.toString());
                    CleanupResults cleanup = saga != null && CleanupSaga.TYPE.equals(saga.type())
                            ? CleanupResults.of(saga.steps(), organizationOwnNumber(sagaId)) : null;
                    return new RequestStatus(requestId, rs.getString(1), rs.getString(2), rs.getString(3), saga, cleanup);
                }, orgId, requestId);
        return found.stream().findFirst()
                .orElseThrow(() -> new ApiProblem(ProblemType.REQUEST_NOT_FOUND, "Organization " + orgId
                        + " has no request " + requestId + "; use the requestId (or statusUrl) a 202 answer gave.")
                        .with("orgId", orgId).with("requestId", requestId));
    }

    /** Whether the cleaned-up line's number was one the organization brought (left untouched in its account). */
    private boolean organizationOwnNumber(UUID sagaId) {
        return sagas.find(sagaId)
                .map(saga -> codec.decodeLenient(saga.dataJson(), LineData.class))
                .map(LineData::organizationOwnNumber)
                .orElse(false);
    }

    private static ResponseEntity<Accepted> accepted(String orgId, String requestId, String cleaningUpSagaId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Accepted(requestId, "/api/v1/organizations/" + orgId + "/requests/" + requestId,
                        cleaningUpSagaId));
    }
}
