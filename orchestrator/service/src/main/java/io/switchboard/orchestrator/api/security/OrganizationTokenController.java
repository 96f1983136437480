package io.switchboard.orchestrator.api.security;

import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.FieldErrors;
import io.switchboard.orchestrator.api.problems.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Ops issue, list and revoke an organization's API tokens at run time ({@link OrganizationTokens}). Ops only: the
 * {@link AccessPolicy} refuses these paths to organization tokens, so a leaked token cannot mint its successor.
 */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/tokens")
public class OrganizationTokenController {
    private static final Logger log = LoggerFactory.getLogger(OrganizationTokenController.class);
    static final int MAX_LABEL_LENGTH = 100;
    private static final int MAX_ORG_ID_LENGTH = 200;

    private final OrganizationTokens tokens;

    public OrganizationTokenController(OrganizationTokens tokens) {
        this.tokens = tokens;
    }

    /** @param label who or what holds the token ("billing service", "acme admin"), for the list */
    public record CreateTokenRequest(String label) {
    }

    /** The created token: {@code token} is the secret, returned this once and never again. */
    public record CreatedToken(String tokenId, String orgId, String label, String prefix, Instant createdAt,
                               String token) {
    }

    @PostMapping
    public ResponseEntity<CreatedToken> create(@PathVariable String orgId, @RequestBody CreateTokenRequest body) {
        new FieldErrors()
                .require(orgId.length() <= MAX_ORG_ID_LENGTH && !orgId.isBlank(), "orgId",
                        "must be 1 to " + MAX_ORG_ID_LENGTH + " characters")
                .require(body.label() != null && !body.label().isBlank(), "label",
                        "is required: who or what will hold the token")
                .require(body.label() == null || body.label().length() <= MAX_LABEL_LENGTH, "label",
                        "must be at most " + MAX_LABEL_LENGTH + " characters")
                .throwIfAny();
        OrganizationTokens.Created created = tokens.create(orgId, body.label().strip());
        OrganizationTokens.View view = created.view();
        log.info("Issued API token {} ({}, '{}') for organization {}", view.tokenId(), view.prefix(), view.label(), orgId);
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedToken(view.tokenId(), orgId, view.label(),
                view.prefix(), view.createdAt(), created.token()));
    }

    /** Every token issued for the organization, revoked ones with their time; never a secret. */
    @GetMapping
    public List<OrganizationTokens.View> list(@PathVariable String orgId) {
        return tokens.list(orgId);
    }

    /** 204: refused from the next request on, on every orchestrator; 404 {@code token-not-found}. */
    @DeleteMapping("/{tokenId}")
    public ResponseEntity<Void> revoke(@PathVariable String orgId, @PathVariable String tokenId) {
        OrganizationTokens.View revoked = tokens.revoke(orgId, tokenId).orElseThrow(() -> new ApiProblem(
                ProblemType.TOKEN_NOT_FOUND, "Organization " + orgId + " has no API token " + tokenId + "; GET "
                + "/api/v1/organizations/" + orgId + "/tokens lists its tokens.")
                .with("orgId", orgId).with("tokenId", tokenId));
        log.info("Revoked API token {} ({}) of organization {}", revoked.tokenId(), revoked.prefix(), orgId);
        return ResponseEntity.noContent().build();
    }
}
