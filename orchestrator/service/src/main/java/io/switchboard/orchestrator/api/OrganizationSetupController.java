package io.switchboard.orchestrator.api;

import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.FieldErrors;
import io.switchboard.orchestrator.api.problems.ProblemType;
import io.switchboard.orchestrator.intake.OpsRequest;
import io.switchboard.orchestrator.intake.OrganizationEventIntake;
import io.switchboard.orchestrator.intake.SagaLauncher;
import io.switchboard.saga.persistence.SagaInstanceRepository;
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
    private final SagaInstanceRepository sagas;
    private final StatusController status;
    private final JdbcTemplate jdbc;

    public OrganizationSetupController(OrganizationEventIntake intake, SagaLauncher launcher, AiConfigRepository configs,
                                       SagaInstanceRepository sagas, StatusController status, JdbcTemplate jdbc) {
        this.intake = intake;
        this.launcher = launcher;
        this.configs = configs;
        this.sagas = sagas;
        this.status = status;
        this.jdbc = jdbc;
    }

    /**
     * Body of {@code POST …/retry-ai-setup}, every member optional (the failed onboarding's values are kept).
     *
     * @param country  ISO 3166-1 alpha-2, in capitals ({@code US})
     * @param areaCode three digits ({@code 415})
     */
    public record RetrySetupRequest(String country, String areaCode) {
    }

    public record Accepted(String requestId, String statusUrl) {
    }

    public record RequestStatus(String requestId, String type, String status, String note, SagaResponse saga) {
    }

    @PostMapping("/retry-ai-setup")
    @Transactional
    public ResponseEntity<Accepted> retrySetup(@PathVariable String orgId, @RequestBody(required = false) RetrySetupRequest body) {
        RetrySetupRequest request = body == null ? new RetrySetupRequest(null, null) : body;
        new FieldErrors().country("country", request.country()).areaCode("areaCode", request.areaCode()).throwIfAny();
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
        return accepted(orgId, intake.accept(new OpsRequest.RetrySetup(orgId, request.country(), request.areaCode())));
    }

    @DeleteMapping("/ai-setup")
    @Transactional
    public ResponseEntity<Accepted> cleanup(@PathVariable String orgId) {
        if (!configs.existsById(orgId)) {
            throw new ApiProblem(ProblemType.AI_SETUP_NOT_FOUND, "Organization " + orgId + " has no AI setup to delete "
                    + "(never onboarded, or cleaned up already); GET …/ai-status shows its latest saga.")
                    .with("orgId", orgId);
        }
        return accepted(orgId, intake.accept(new OpsRequest.Cleanup(orgId)));
    }

    @GetMapping("/requests/{requestId}")
    @Transactional(readOnly = true)
    public RequestStatus request(@PathVariable String orgId, @PathVariable String requestId) {
        List<RequestStatus> found = jdbc.query(
                "select event_type, status, note, saga_id from org_event where org_id = ? and event_id = ?",
                (rs, i) -> {
                    UUID sagaId = rs.getObject(4, UUID.class);
                    return new RequestStatus(requestId, rs.getString(1), rs.getString(2), rs.getString(3),
                            sagaId == null ? null : status.saga(sagaId.toString()));
                }, orgId, requestId);
        return found.stream().findFirst()
                .orElseThrow(() -> new ApiProblem(ProblemType.REQUEST_NOT_FOUND, "Organization " + orgId
                        + " has no request " + requestId + "; use the requestId (or statusUrl) a 202 answer gave.")
                        .with("orgId", orgId).with("requestId", requestId));
    }

    private static ResponseEntity<Accepted> accepted(String orgId, String requestId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Accepted(requestId, "/api/v1/organizations/" + orgId + "/requests/" + requestId));
    }
}
