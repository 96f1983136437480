package io.switchboard.orchestrator.api;

import io.switchboard.orchestrator.aiconfig.AiConfigRepository;
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
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ops actions on one organization's line. Each is queued behind whatever saga the organization is running and
 * answered with 202 and a request id; {@code GET …/requests/{id}} then shows the saga it started and each step.
 */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}")
public class OrganizationSetupController {
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern AREA_CODE = Pattern.compile("^[0-9]{3}$");

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
        if (request.country() != null && !COUNTRY.matcher(request.country()).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "country must be ISO 3166-1 alpha-2, e.g. US");
        }
        if (request.areaCode() != null && !AREA_CODE.matcher(request.areaCode()).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "areaCode must be three digits, e.g. 415");
        }
        if (configs.existsById(orgId)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "the organization already has an AI setup; DELETE …/ai-setup first to start over");
        }
        if (launcher.lastOnboarding(orgId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no onboarding to retry for organization " + orgId);
        }
        return accepted(orgId, intake.accept(new OpsRequest.RetrySetup(orgId, request.country(), request.areaCode())));
    }

    @DeleteMapping("/ai-setup")
    @Transactional
    public ResponseEntity<Accepted> cleanup(@PathVariable String orgId) {
        if (!configs.existsById(orgId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "organization " + orgId + " has no AI setup");
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
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no request " + requestId));
    }

    private static ResponseEntity<Accepted> accepted(String orgId, String requestId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Accepted(requestId, "/api/v1/organizations/" + orgId + "/requests/" + requestId));
    }
}
