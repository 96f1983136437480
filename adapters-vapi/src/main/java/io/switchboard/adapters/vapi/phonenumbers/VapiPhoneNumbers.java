package io.switchboard.adapters.vapi.phonenumbers;

import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.adapters.vapi.client.VapiApi;
import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.errors.VapiFailure;
import io.switchboard.messaging.resilience.ProviderGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Twilio numbers registered (imported) at VAPI. Registration looks for the number first: one E.164 number has at
 * most one VAPI registration, which is adopted and re-bound to the wanted assistant if needed.
 */
public class VapiPhoneNumbers {
    private static final Logger log = LoggerFactory.getLogger(VapiPhoneNumbers.class);
    private static final int MAX_NAME = 40;

    private final VapiApi api;
    private final ProviderGuard guard;
    private final TwilioCredentialsAtVapi credentials;
    private final boolean useCredentials;
    private final int listLimit;

    public VapiPhoneNumbers(VapiApi api, ProviderGuard guard, TwilioCredentialsAtVapi credentials,
                            boolean useCredentials, int listLimit) {
        this.api = api;
        this.guard = guard;
        this.credentials = credentials;
        this.useCredentials = useCredentials;
        this.listLimit = listLimit;
    }

    public VapiDtos.PhoneNumber register(TwilioAccount account, String number, String assistantId, String name) {
        return guard.retrying(() -> {
            Optional<VapiDtos.PhoneNumber> existing = findByNumber(number);
            if (existing.isPresent()) {
                return adopt(existing.get(), assistantId);
            }
            VapiDtos.PhoneNumber created = create(account, number, assistantId, name);
            log.info("Registered {} at VAPI as {} bound to assistant {}", number, created.id(), created.assistantId());
            return created;
        });
    }

    /** Points an existing registration at another assistant. */
    public VapiDtos.PhoneNumber bind(String vapiPhoneNumberId, String assistantId) {
        return guard.retrying(() -> guard.once(() ->
                api.updatePhoneNumber(vapiPhoneNumberId, new VapiDtos.UpdatePhoneNumber("twilio", assistantId))));
    }

    public Optional<VapiDtos.PhoneNumber> findByNumber(String number) {
        String wanted = normalize(number);
        return guard.once(() -> api.listPhoneNumbers(listLimit)).stream()
                .filter(p -> p.number() != null && normalize(p.number()).equals(wanted))
                .findFirst();
    }

    /** @return {@code false} when VAPI no longer knew the registration */
    public boolean delete(String vapiPhoneNumberId) {
        return guard.retrying(() -> {
            try {
                guard.run(() -> api.deletePhoneNumber(vapiPhoneNumberId));
                return true;
            } catch (VapiFailure e) {
                if (e.kind() == VapiFailure.Kind.NOT_FOUND) {
                    return false;
                }
                throw e;
            }
        });
    }

    private VapiDtos.PhoneNumber create(TwilioAccount account, String number, String assistantId, String name) {
        try {
            return guard.once(() -> api.createPhoneNumber(importRequest(account, number, assistantId, name)));
        } catch (VapiFailure e) {
            // A cached credential id may be stale (deleted at VAPI, which answers 400 naming the credential):
            // look it up afresh once before giving up. Other 400s (e.g. number not found at Twilio) are final.
            if (useCredentials && e.kind() == VapiFailure.Kind.INVALID && mentionsCredential(e)
                    && credentials.forget(account.accountSid())) {
                log.warn("Import of {} rejected ({}); retrying once with a freshly looked-up credential", number, e.getMessage());
                return guard.once(() -> api.createPhoneNumber(importRequest(account, number, assistantId, name)));
            }
            throw e;
        }
    }

    private static boolean mentionsCredential(VapiFailure e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("credential");
    }

    private VapiDtos.PhoneNumber adopt(VapiDtos.PhoneNumber existing, String assistantId) {
        if (assistantId == null || assistantId.equals(existing.assistantId())) {
            log.info("Adopting existing VAPI registration {} of {}", existing.id(), existing.number());
            return existing;
        }
        log.info("Adopting VAPI registration {} of {} and re-binding it from assistant {} to {}",
                existing.id(), existing.number(), existing.assistantId(), assistantId);
        return guard.once(() -> api.updatePhoneNumber(existing.id(), new VapiDtos.UpdatePhoneNumber("twilio", assistantId)));
    }

    private VapiDtos.CreateTwilioPhoneNumber importRequest(TwilioAccount account, String number, String assistantId, String name) {
        String shortName = name == null ? null : (name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME));
        if (useCredentials) {
            return new VapiDtos.CreateTwilioPhoneNumber("twilio", number, account.accountSid(),
                    credentials.credentialIdFor(account), null, assistantId, shortName);
        }
        return new VapiDtos.CreateTwilioPhoneNumber("twilio", number, account.accountSid(),
                null, account.authToken(), assistantId, shortName);
    }

    /** "+1 (415) 555-1234" and "+14155551234" are the same number. */
    static String normalize(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        return "+" + digits;
    }
}
