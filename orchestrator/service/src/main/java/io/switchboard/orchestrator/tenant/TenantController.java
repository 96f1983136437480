package io.switchboard.orchestrator.tenant;

import io.switchboard.contracts.events.NumberSources;
import io.switchboard.orchestrator.aiconfig.AiConfig;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.FieldErrors;
import io.switchboard.orchestrator.api.problems.ProblemType;
import io.switchboard.orchestrator.intake.OpsRequest;
import io.switchboard.orchestrator.intake.OrganizationEventIntake;
import io.switchboard.orchestrator.lines.LineNumber;
import io.switchboard.orchestrator.lines.LineNumbers;
import io.switchboard.orchestrator.lines.NumberLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * An organization's self-service (its own token, or ops): its numbers, its assistants, which assistant a number
 * rings, and numbers added to its line or removed from it. The token filter already answers another organization's paths with 404; here an unknown organization gets
 * the very same body, and another organization's number or assistant id in this organization's path is as unknown as
 * one that never existed (everything is looked up through this organization's line).
 */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}")
public class TenantController {
    private static final Logger log = LoggerFactory.getLogger(TenantController.class);

    private final TenantLines lines;
    private final OrganizationEventIntake intake;
    private final LineNumbers lineNumbers;

    public TenantController(TenantLines lines, OrganizationEventIntake intake, LineNumbers lineNumbers) {
        this.lines = lines;
        this.intake = intake;
        this.lineNumbers = lineNumbers;
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
        LineNumber additional = line == null ? null : lines.additional(orgId, numberId).orElse(null);
        TenantNumber number = line == null ? null : additional != null ? TenantLines.number(additional)
                : TenantLines.number(line).filter(n -> n.numberId().equals(numberId)).orElse(null);
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
        String refusal = additional != null
                ? (LineNumber.ACTIVE.equals(additional.status()) ? null : "the number is being removed")
                : NumberLinks.whyNotLinkable(line).orElse(null);
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

    /**
     * Body of {@code POST …/numbers}.
     *
     * @param assistantId  the assistant it rings; omitted: the line's inbound assistant
     * @param numberSource omitted or {@code pool_first} (the pool, else a purchase), {@code force_twilio} (a purchase),
     *                     or {@code own_number} (a number in the organization's own Twilio account: {@code ownNumber})
     * @param ownNumber    with {@code own_number}: a Phone Number SID, an E.164 number, or {@code any}
     * @param areaCode     three digits, for a number from the pool or bought; omitted: the line's
     */
    public record AddNumberRequest(String assistantId, String numberSource, String ownNumber, String areaCode) {
    }

    /** What was queued: {@code GET statusUrl} follows it; the number shows in {@code GET …/numbers} once added. */
    public record RequestAccepted(String requestId, String statusUrl) {
    }

    private static final java.util.Set<String> ADDED_NUMBER_SOURCES = java.util.Set.of(NumberSources.POOL_FIRST,
            NumberSources.FORCE_TWILIO, NumberSources.OWN_NUMBER);

    /**
     * Adds a number to the organization's active line, bound to one of its assistants: 202 with a request id (an
     * {@code add-number} saga, queued behind whatever saga the organization runs). 400 for an invalid body, 404
     * {@code assistant-not-found} for an assistant that is not the organization's, 409 {@code line-not-active},
     * {@code number-limit-reached} ({@code switchboard.numbers.max-per-organization}) or {@code number-in-use} (an
     * own number the organization already uses). Decided again at its turn, so a change queued before it wins.
     */
    @PostMapping("/numbers")
    @Transactional
    public ResponseEntity<RequestAccepted> add(@PathVariable String orgId, @RequestBody AddNumberRequest body) {
        String source = body.numberSource() == null ? NumberSources.POOL_FIRST : body.numberSource();
        boolean own = NumberSources.OWN_NUMBER.equals(source);
        new FieldErrors()
                .require(ADDED_NUMBER_SOURCES.contains(source), "numberSource",
                        "must be one of pool_first, force_twilio, own_number for an added number (a free VAPI number "
                                + "serves only a line's own number)")
                .require(!own || NumberSources.validOwnNumber(body.ownNumber()), "ownNumber",
                        "is required with own_number: a Phone Number SID (PN + 32 hex), an E.164 number, or 'any'")
                .require(own || body.ownNumber() == null, "ownNumber", "is only for numberSource own_number")
                .areaCode("areaCode", body.areaCode())
                .throwIfAny();
        AiConfig line = lines.lineOf(orgId).orElse(null);
        if (line == null || !AiConfig.ACTIVE.equals(line.status())) {
            throw new ApiProblem(ProblemType.LINE_NOT_ACTIVE, "Organization " + orgId + " has no active line"
                    + (line == null ? "" : " (its line is " + line.status() + ")") + "; a number is added to an "
                    + "active line.").with("orgId", orgId).with("lineStatus", line == null ? null : line.status());
        }
        if (body.assistantId() != null && !TenantLines.isAssistantOf(line, body.assistantId())) {
            throw new ApiProblem(ProblemType.ASSISTANT_NOT_FOUND, "Organization " + orgId + " has no assistant "
                    + body.assistantId() + "; GET /api/v1/organizations/" + orgId + "/assistants lists its assistants.")
                    .with("orgId", orgId).with("assistantId", body.assistantId());
        }
        if (io.switchboard.orchestrator.lines.LineData.TRIAL_EXISTING.equals(line.numberSource())) {
            throw new ApiProblem(ProblemType.NUMBER_LIMIT_REACHED, "Organization " + orgId + " cannot add a number: its "
                    + "line runs on a Twilio trial account's one number, and a trial account holds no other.")
                    .with("orgId", orgId);
        }
        lineNumbers.whyNoMoreNumbers(line).ifPresent(why -> {
            throw new ApiProblem(ProblemType.NUMBER_LIMIT_REACHED, "Organization " + orgId + " cannot add a number: "
                    + why + ".").with("orgId", orgId);
        });
        if (own && !NumberSources.ANY_UNASSIGNED.equals(body.ownNumber())
                && lines.numbers(orgId).stream().anyMatch(n -> body.ownNumber().equals(n.numberId())
                || body.ownNumber().equals(n.phoneNumber()))) {
            throw new ApiProblem(ProblemType.NUMBER_IN_USE, "Number " + body.ownNumber() + " is already one of "
                    + "organization " + orgId + "'s numbers.").with("orgId", orgId).with("ownNumber", body.ownNumber());
        }
        if (own && (line.twilioCredentialId() == null || line.twilioCredentialId().isBlank())) {
            new FieldErrors().require(false, "numberSource", "own_number needs the organization's own Twilio "
                    + "account, and its line uses the platform's (register a credential and onboard with it)")
                    .throwIfAny();
        }
        String requestId = intake.accept(new OpsRequest.AddNumber(orgId, body.assistantId(),
                body.numberSource() == null ? null : source, body.ownNumber(), body.areaCode()));
        log.info("Queued adding a number ({}) to organization {} (request {})", source, orgId, requestId);
        return accepted(orgId, requestId);
    }

    /**
     * Gives up one of the numbers the organization added: 202 with a request id (a {@code remove-number} saga). 404
     * {@code number-not-found} for a number that is not the organization's; 409 {@code number-not-removable} for the
     * line's own number (switch inbound AI off, or clean the line up, to give that one up). Removing a number twice
     * queues one removal: the second finds nothing left at its turn.
     */
    @DeleteMapping("/numbers/{numberId}")
    @Transactional
    public ResponseEntity<RequestAccepted> remove(@PathVariable String orgId, @PathVariable String numberId) {
        AiConfig line = lines.lineOf(orgId).orElse(null);
        boolean added = lines.additional(orgId, numberId).isPresent();
        if (line != null && !added && NumberLinks.numberIdOf(line).filter(numberId::equals).isPresent()) {
            throw new ApiProblem(ProblemType.NUMBER_NOT_REMOVABLE, "Number " + numberId + " is the line's own number; "
                    + "it goes with the line (inboundAi=false, or DELETE /api/v1/organizations/" + orgId
                    + "/ai-setup).").with("orgId", orgId).with("numberId", numberId);
        }
        if (!added) {
            throw new ApiProblem(ProblemType.NUMBER_NOT_FOUND, "Organization " + orgId + " has no number " + numberId
                    + "; GET /api/v1/organizations/" + orgId + "/numbers lists its numbers.")
                    .with("orgId", orgId).with("numberId", numberId);
        }
        String requestId = intake.accept(new OpsRequest.RemoveNumber(orgId, numberId));
        log.info("Queued removing number {} of organization {} (request {})", numberId, orgId, requestId);
        return accepted(orgId, requestId);
    }

    private static ResponseEntity<RequestAccepted> accepted(String orgId, String requestId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RequestAccepted(requestId,
                "/api/v1/organizations/" + orgId + "/requests/" + requestId));
    }
}
