package io.switchboard.adapters.vapi.phonenumbers;

import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.adapters.vapi.client.VapiApi;
import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.messaging.resilience.ProviderGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One VAPI credential per Twilio account, created the first time a number of that account is imported and
 * reused afterwards (found again by account SID), so the Twilio auth token is handed to VAPI once rather than with
 * every import. The credential id is cached; the token itself is never kept here beyond the create call.
 */
public class TwilioCredentialsAtVapi {
    private static final Logger log = LoggerFactory.getLogger(TwilioCredentialsAtVapi.class);
    private static final int MAX_NAME = 40;

    private final VapiApi api;
    private final ProviderGuard guard;
    private final Map<String, String> credentialIdByAccountSid = new ConcurrentHashMap<>();
    private final Map<String, Object> lookupLocks = new ConcurrentHashMap<>();

    public TwilioCredentialsAtVapi(VapiApi api, ProviderGuard guard) {
        this.api = api;
        this.guard = guard;
    }

    /** Called inside an operation that is retried as a whole: looking first keeps it idempotent. */
    public String credentialIdFor(TwilioAccount account) {
        String cached = credentialIdByAccountSid.get(account.accountSid());
        if (cached != null) {
            return cached;
        }
        // Commands run in parallel: two first imports for one account must not both find nothing and both create.
        synchronized (lookupLocks.computeIfAbsent(account.accountSid(), sid -> new Object())) {
            cached = credentialIdByAccountSid.get(account.accountSid());
            if (cached != null) {
                return cached;
            }
            String id = guard.once(api::listCredentials).stream()
                    .filter(c -> "twilio".equals(c.provider()) && account.accountSid().equals(c.accountSid()))
                    .map(VapiDtos.Credential::id)
                    .findFirst()
                    .orElseGet(() -> create(account));
            credentialIdByAccountSid.put(account.accountSid(), id);
            return id;
        }
    }

    /**
     * Forgets the cached id (e.g. the credential was deleted at VAPI), so the next import looks it up again.
     *
     * @return whether an id was cached
     */
    public boolean forget(String accountSid) {
        return credentialIdByAccountSid.remove(accountSid) != null;
    }

    private String create(TwilioAccount account) {
        String name = "switchboard " + account.accountSid();
        VapiDtos.Credential created = guard.once(() -> api.createCredential(new VapiDtos.CreateTwilioCredential(
                "twilio", account.accountSid(), account.authToken(), name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME))));
        log.info("Created VAPI credential {} for Twilio account {}", created.id(), account.accountSid());
        return created.id();
    }
}
