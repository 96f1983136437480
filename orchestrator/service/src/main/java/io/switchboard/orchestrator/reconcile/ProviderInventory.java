package io.switchboard.orchestrator.reconcile;

import io.switchboard.credentials.CredentialDecryptionException;
import io.switchboard.credentials.TenantCredential;
import io.switchboard.credentials.TenantCredentialStore;
import io.switchboard.credentials.twilio.StoredTwilioAccounts;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lists through the providers' own REST APIs — api.twilio.com and api.vapi.ai as well as the simulators: the
 * platform's Twilio account, every organization's own Twilio account (with its stored credential, decrypted for the
 * call only), and VAPI. Twilio pages with {@code next_page_uri}; VAPI's list endpoints answer at most 1000 items, so a
 * full page marks that kind incomplete. Also releases orphans, in the account that holds them.
 */
public final class ProviderInventory implements Inventory {
    static final int VAPI_MAX_LIMIT = 1000;

    private final ReconcileProperties properties;
    private final Optional<TenantCredentialStore> tenants;
    private final ProviderHttp http;

    public ProviderInventory(ReconcileProperties properties, Optional<TenantCredentialStore> tenants) {
        this.properties = properties;
        this.tenants = tenants;
        this.http = new ProviderHttp(properties.timeout());
    }

    @Override
    public String source() {
        return "provider APIs (" + properties.twilioBaseUrl() + ", " + properties.vapiBaseUrl() + ")";
    }

    @Override
    public Listing list() {
        List<Resource> all = new ArrayList<>();
        Set<Resource.Kind> incomplete = EnumSet.noneOf(Resource.Kind.class);
        List<String> warnings = new ArrayList<>();
        if (!twilioNumbers(Resource.Account.PLATFORM, properties.twilioAccountSid(), properties.twilioAuthToken(), all,
                warnings)) {
            incomplete.add(Resource.Kind.TWILIO_NUMBER);
        }
        for (TenantCredential credential : tenantCredentials(warnings)) {
            Resource.Account account = new Resource.Account(credential.orgId(), credential.id(), credential.accountSid());
            Optional<String> token = reveal(credential, warnings);
            if (token.isEmpty() || !twilioNumbers(account, credential.accountSid(), token.get(), all, warnings)) {
                incomplete.add(Resource.Kind.TWILIO_NUMBER);
            }
        }
        for (Resource.Kind kind : List.of(Resource.Kind.VAPI_ASSISTANT, Resource.Kind.VAPI_PHONE_NUMBER)) {
            if (!vapi(kind, all, warnings)) {
                incomplete.add(kind);
            }
        }
        return new Listing(all, incomplete, warnings);
    }

    /** Deletes an orphan at its provider, in the account that holds it. */
    public void release(Resource resource) {
        switch (resource.kind()) {
            case TWILIO_NUMBER -> {
                String sid;
                String token;
                if (resource.account() == null || resource.account().platform()) {
                    sid = properties.twilioAccountSid();
                    token = properties.twilioAuthToken();
                } else {
                    Resource.Account account = resource.account();
                    TenantCredentialStore store = tenants.orElseThrow(() -> new ProviderHttp.ProviderException(
                            "tenant credentials are not enabled on this orchestrator"));
                    TenantCredentialStore.Revealed revealed = store.reveal(account.orgId(), account.credentialId())
                            .orElseThrow(() -> new ProviderHttp.ProviderException("credential " + account.credentialId()
                                    + " of " + account.orgId() + " no longer exists"));
                    sid = revealed.credential().accountSid();
                    token = revealed.secret();
                }
                http.delete(properties.twilioBaseUrl() + "/2010-04-01/Accounts/" + sid + "/IncomingPhoneNumbers/"
                        + resource.id() + ".json", ProviderHttp.basic(sid, token));
            }
            case VAPI_ASSISTANT -> http.delete(properties.vapiBaseUrl() + "/assistant/" + resource.id(), vapiAuth());
            case VAPI_PHONE_NUMBER -> http.delete(properties.vapiBaseUrl() + "/phone-number/" + resource.id(),
                    vapiAuth());
        }
    }

    /** @return false when the account could not be listed completely */
    private boolean twilioNumbers(Resource.Account account, String accountSid, String token, List<Resource> into,
                                  List<String> warnings) {
        String next = "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers.json?PageSize=1000";
        try {
            for (int page = 0; next != null && !next.isEmpty(); page++) {
                if (page >= properties.maxPages()) {
                    warnings.add("Twilio account " + accountSid + " (" + account + ") has more than "
                            + properties.maxPages() + " pages of numbers; the rest was not read");
                    return false;
                }
                JsonNode body = http.get(properties.twilioBaseUrl() + next, ProviderHttp.basic(accountSid, token));
                for (JsonNode n : body.path("incoming_phone_numbers")) {
                    into.add(new Resource(Resource.Kind.TWILIO_NUMBER, n.path("sid").asString(),
                            n.path("phone_number").asString(), n.path("friendly_name").asString(""), account));
                }
                JsonNode nextUri = body.path("next_page_uri");
                next = nextUri.isNull() || nextUri.isMissingNode() ? null : nextUri.asString();
            }
            return true;
        } catch (ProviderHttp.ProviderException e) {
            warnings.add("Twilio account " + accountSid + " (" + account + ") could not be listed: " + e.getMessage());
            return false;
        }
    }

    private boolean vapi(Resource.Kind kind, List<Resource> into, List<String> warnings) {
        String path = kind == Resource.Kind.VAPI_ASSISTANT ? "/assistant" : "/phone-number";
        try {
            JsonNode items = http.get(properties.vapiBaseUrl() + path + "?limit=" + VAPI_MAX_LIMIT, vapiAuth());
            items.forEach(item -> into.add(VapiItems.resource(kind, item)));
            if (items.size() >= VAPI_MAX_LIMIT) {
                warnings.add("VAPI " + path + " answered " + VAPI_MAX_LIMIT + " items, its maximum: the listing may "
                        + "be incomplete");
                return false;
            }
            return true;
        } catch (ProviderHttp.ProviderException e) {
            warnings.add("VAPI " + path + " could not be listed: " + e.getMessage());
            return false;
        }
    }

    private List<TenantCredential> tenantCredentials(List<String> warnings) {
        if (tenants.isEmpty()) {
            return List.of();
        }
        return tenants.get().listAll().stream()
                .filter(c -> StoredTwilioAccounts.PROVIDER.equals(c.provider())).toList();
    }

    private Optional<String> reveal(TenantCredential credential, List<String> warnings) {
        try {
            Optional<String> secret = tenants.orElseThrow().reveal(credential.orgId(), credential.id())
                    .map(TenantCredentialStore.Revealed::secret);
            if (secret.isEmpty()) {
                warnings.add("credential " + credential.id() + " of " + credential.orgId() + " was deleted meanwhile");
            }
            return secret;
        } catch (CredentialDecryptionException e) {
            warnings.add("credential " + credential.id() + " of " + credential.orgId() + " does not decrypt with this "
                    + "keyset: its account was not listed");
            return Optional.empty();
        }
    }

    private String vapiAuth() {
        return "Bearer " + properties.vapiApiKey();
    }
}
