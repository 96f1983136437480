package io.switchboard.orchestrator.tenant;

import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.FieldErrors;
import io.switchboard.orchestrator.api.problems.ProblemType;
import io.switchboard.orchestrator.intake.OpsRequest;
import io.switchboard.orchestrator.intake.OrganizationEventIntake;
import io.switchboard.orchestrator.lines.NumberLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * An organization's self-service (its own token, or ops): its numbers, its assistants, and which assistant a number
 * rings. The token filter already answers another organization's paths with 404; here an unknown organization gets
 * the very same body, and another organization's number or assistant id in this organization's path is as unknown as
 * one that never existed (everything is looked up through this organization's line).
 */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}")
public class TenantController {
    private static final Logger log = LoggerFactory.getLogger(TenantController.class);

    private final TenantLines lines;
    private final OrganizationEventIntake intake;

    public TenantController(TenantLines lines, OrganizationEventIntake intake) {
        this.lines = lines;
        this.intake = intake;
    }

    @GetMapping("/numbers")
    @Transactional(readOnly = true)
    public List<TenantNumber> numbers(@PathVariable String orgId) {
        return lines.numbers(orgId);
    }

    @GetMapping("/assistants")
    @Transactional(readOnly = true)
    public List<TenantAssistant> assistants(@PathVariable String orgId) {
        return lines.assistants(orgId);
    }

    /** Body of {@code PUT …/numbers/{numberId}/assistant}: one of the organization's assistants. */
    public record LinkRequest(String assistantId) {
    }

    /** @param number the number as it is now (when nothing needed to change), or {@code null} */
    public record LinkAccepted(String requestId, String statusUrl, TenantNumber number) {
    }

    /**
     * Binds the number to one of the organization's assistants: 202 with a request id (a {@code number-assistant-link}
     * saga, queued behind whatever saga the organization runs); 200 when it is bound to it already. 404
     * {@code number-not-found} / {@code assistant-not-found} for an id that is not the organization's, 409
     * {@code number-not-linkable} while the line cannot be re-bound (not active, or a free VAPI number).
     */
    @PutMapping("/numbers/{numberId}/assistant")
    @Transactional
    public ResponseEntity<LinkAccepted> link(@PathVariable String orgId, @PathVariable String numberId,
                                             @RequestBody LinkRequest body) {
        new FieldErrors().require(body.assistantId() != null && !body.assistantId().isBlank(), "assistantId",
                "is required: one of the organization's assistant ids (GET …/assistants)").throwIfAny();
        AiConfig line = lines.lineOf(orgId).orElse(null);
        TenantNumber number = line == null ? null : TenantLines.number(line)
                .filter(n -> n.numberId().equals(numberId)).orElse(null);
        if (number == null) {
            throw new ApiProblem(ProblemType.NUMBER_NOT_FOUND, "Organization " + orgId + " has no number " + numberId
                    + "; GET /api/v1/organizations/" + orgId + "/numbers lists its numbers.")
                    .with("orgId", orgId).with("numberId", numberId);
        }
        if (!TenantLines.isAssistantOf(line, body.assistantId())) {
            throw new ApiProblem(ProblemType.ASSISTANT_NOT_FOUND, "Organization " + orgId + " has no assistant "
                    + body.assistantId() + "; GET /api/v1/organizations/" + orgId + "/assistants lists its assistants.")
                    .with("orgId", orgId).with("assistantId", body.assistantId());
        }
        String refusal = NumberLinks.whyNotLinkable(line).orElse(null);
        if (refusal != null) {
            throw new ApiProblem(ProblemType.NUMBER_NOT_LINKABLE, "Number " + numberId + " cannot be linked now: "
                    + refusal + ".").with("orgId", orgId).with("numberId", numberId).with("lineStatus", line.status());
        }
        if (body.assistantId().equals(number.assistantId())) {
            return ResponseEntity.ok(new LinkAccepted(null, null, number));
        }
        String requestId = intake.accept(new OpsRequest.LinkNumberAssistant(orgId, numberId, body.assistantId()));
        log.info("Queued linking number {} of organization {} to assistant {} (request {})", numberId, orgId,
                body.assistantId(), requestId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new LinkAccepted(requestId,
                "/api/v1/organizations/" + orgId + "/requests/" + requestId, null));
    }
}
