package io.switchboard.orchestrator.credentials;

import io.switchboard.credentials.TenantCredentialStore;
import io.switchboard.orchestrator.api.problems.ApiProblem;
import io.switchboard.orchestrator.api.problems.FieldErrors;
import io.switchboard.orchestrator.api.problems.ProblemType;
import io.switchboard.credentials.spring.ConfiguredCredentialStore;
import io.switchboard.credentials.twilio.StoredTwilioAccounts;
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

import java.util.List;
import java.util.regex.Pattern;

/**
 * An organization registers its own Twilio account here; upstream then names the returned {@code credentialId} as
 * {@code twilioCredentialId} in {@code OrganizationApproved}. The token goes into the encrypted store and nowhere
 * else: it is never echoed, logged or put on Kafka. Access is scoped by the API's bearer tokens (an organization
 * token reaches only its own {@code /organizations/{orgId}/…}).
 */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/twilio-credentials")
public class TwilioCredentialsController {
    private static final Logger log = LoggerFactory.getLogger(TwilioCredentialsController.class);
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final int MAX_TOKEN_LENGTH = 256;

    private final ConfiguredCredentialStore credentials;
    private final CredentialUsage usage;

    /** Takes the migration so the schema exists before the first request. */
    public TwilioCredentialsController(ConfiguredCredentialStore credentials, CredentialUsage usage,
                                       CredentialSchemaMigration migrated) {
        this.credentials = credentials;
        this.usage = usage;
    }

    /**
     * 201 for a new account; 200 when the account was registered before and its token is replaced (same id); 400
     * {@code invalid-request} naming the fields that are wrong (never repeating the token).
     */
    @PostMapping
    public ResponseEntity<TwilioCredentialView> register(@PathVariable String orgId,
                                                         @RequestBody RegisterTwilioCredential body) {
        new FieldErrors()
                .require(body.accountSid() != null && ACCOUNT_SID.matcher(body.accountSid()).matches(), "accountSid",
                        "must be AC followed by 32 hex digits (the Account SID in the Twilio console)")
                .require(body.authToken() != null && !body.authToken().isBlank(), "authToken",
                        "is required (the account's Auth Token)")
                .require(body.authToken() == null || body.authToken().length() <= MAX_TOKEN_LENGTH, "authToken",
                        "must be at most " + MAX_TOKEN_LENGTH + " characters")
                .throwIfAny();
        TenantCredentialStore.Saved saved = store().save(orgId, StoredTwilioAccounts.PROVIDER, body.accountSid(),
                body.authToken());
        log.info("{} Twilio credential {} (account {}) of organization {}", saved.created() ? "Registered" : "Replaced",
                saved.credential().id(), body.accountSid(), orgId);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(TwilioCredentialView.of(saved.credential()));
    }

    @GetMapping
    public List<TwilioCredentialView> list(@PathVariable String orgId) {
        return store().list(orgId).stream()
                .filter(c -> StoredTwilioAccounts.PROVIDER.equals(c.provider()))
                .map(TwilioCredentialView::of)
                .toList();
    }

    /**
     * 204; 404 {@code credential-not-found} for an unknown id (or another organization's); 409
     * {@code credential-in-use} while a number still lives in that account or a saga works with it.
     */
    @DeleteMapping("/{credentialId}")
    public ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String credentialId) {
        TenantCredentialStore store = store();
        if (store.find(orgId, credentialId).isEmpty()) {
            throw new ApiProblem(ProblemType.CREDENTIAL_NOT_FOUND, "Organization " + orgId
                    + " has no Twilio credential " + credentialId + "; GET …/twilio-credentials lists its credentials.")
                    .with("orgId", orgId).with("credentialId", credentialId);
        }
        CredentialUsage.Usage inUse = usage.of(orgId, credentialId);
        if (inUse.inUse()) {
            throw inUse(orgId, credentialId, inUse);
        }
        store.delete(orgId, credentialId);
        log.info("Deleted Twilio credential {} of organization {}", credentialId, orgId);
        return ResponseEntity.noContent().build();
    }

    private static ApiProblem inUse(String orgId, String credentialId, CredentialUsage.Usage usage) {
        StringBuilder detail = new StringBuilder("Credential " + credentialId + " cannot be deleted yet: deleting it "
                + "would leave a paid number nobody can release.");
        if (!usage.lineNumbers().isEmpty()) {
            detail.append(" The line of organization ").append(orgId).append(" uses ")
                    .append(String.join(", ", usage.lineNumbers()))
                    .append(" in that account: switch inbound AI off or DELETE …/ai-setup first.");
        }
        if (!usage.pooledNumbers().isEmpty()) {
            // Only numbers pooled before the line sagas stopped pooling organizations' own numbers (v3).
            detail.append(" The number pool holds ").append(String.join(", ", usage.pooledNumbers()))
                    .append(" in that account, which the pool cannot release (it has no organization's credential):")
                    .append(" switch the organization's inbound AI on, which takes it back, then off, which releases it.");
        }
        if (!usage.sagaIds().isEmpty()) {
            detail.append(" Unfinished sagas work with it: ").append(String.join(", ", usage.sagaIds()))
                    .append("; let them end (or replay or compensate the parked ones) first.");
        }
        return new ApiProblem(ProblemType.CREDENTIAL_IN_USE, detail.toString())
                .with("orgId", orgId).with("credentialId", credentialId)
                .with("lineNumbers", usage.lineNumbers()).with("pooledNumbers", usage.pooledNumbers())
                .with("sagaIds", usage.sagaIds());
    }

    private TenantCredentialStore store() {
        return credentials.store().orElseThrow(() -> new ApiProblem(ProblemType.CREDENTIALS_DISABLED,
                "Tenant credentials are not enabled on this orchestrator (" + credentials.whyNot() + "); set "
                        + "switchboard.credentials.keyset (docs/credentials.md)."));
    }
}
