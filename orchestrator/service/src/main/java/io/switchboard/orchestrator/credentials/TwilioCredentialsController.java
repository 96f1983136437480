package io.switchboard.orchestrator.credentials;

import io.switchboard.credentials.TenantCredentialStore;
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
import org.springframework.web.server.ResponseStatusException;

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

    /** 201 for a new account; 200 when the account was registered before and its token is replaced (same id). */
    @PostMapping
    public ResponseEntity<TwilioCredentialView> register(@PathVariable String orgId,
                                                         @RequestBody RegisterTwilioCredential body) {
        if (body == null || body.accountSid() == null || !ACCOUNT_SID.matcher(body.accountSid()).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "accountSid must be AC followed by 32 hex digits");
        }
        if (body.authToken() == null || body.authToken().isBlank() || body.authToken().length() > MAX_TOKEN_LENGTH) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "authToken is required");
        }
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

    /** 204; 404 for an unknown id (or another organization's); 409 while a number still lives in that account. */
    @DeleteMapping("/{credentialId}")
    public ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String credentialId) {
        TenantCredentialStore store = store();
        if (store.find(orgId, credentialId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no Twilio credential " + credentialId);
        }
        if (usage.holdsNumbers(orgId, credentialId)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "credential " + credentialId
                    + " still holds a number; turn the line off (release the number) first");
        }
        store.delete(orgId, credentialId);
        log.info("Deleted Twilio credential {} of organization {}", credentialId, orgId);
        return ResponseEntity.noContent().build();
    }

    private TenantCredentialStore store() {
        return credentials.store().orElseThrow(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "tenant credentials are not enabled: " + credentials.whyNot()));
    }
}
