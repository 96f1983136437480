package io.switchboard.adapters.vapi.phonenumbers;

import io.switchboard.adapters.vapi.client.VapiApi;
import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.messaging.resilience.ProviderGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Free VAPI numbers. Creating one is looked up first by the request id carried in its name, so a command delivered
 * twice (or retried after a timeout that in fact succeeded) yields one number, not two of the account's five.
 * Waiting for activation is not done here: the saga polls with {@link #get} on durable timers.
 */
public class FreeVapiNumbers {
    private static final Logger log = LoggerFactory.getLogger(FreeVapiNumbers.class);
    private static final String PROVIDER = "vapi";

    private final VapiApi api;
    private final ProviderGuard guard;
    private final int listLimit;

    public FreeVapiNumbers(VapiApi api, ProviderGuard guard, int listLimit) {
        this.api = api;
        this.guard = guard;
        this.listLimit = listLimit;
    }

    public VapiDtos.PhoneNumber findOrCreate(String requestId, String areaCode, String assistantId, String label) {
        return guard.retrying(() -> {
            Optional<VapiDtos.PhoneNumber> existing = findByRequestId(requestId);
            if (existing.isPresent()) {
                log.info("Adopting free VAPI number {} already created for request {}", existing.get().id(), requestId);
                return existing.get();
            }
            VapiDtos.PhoneNumber created = guard.once(() -> api.createFreePhoneNumber(new VapiDtos.CreateVapiPhoneNumber(
                    PROVIDER, areaCode, assistantId, FreeNumberName.of(label, requestId))));
            log.info("Created free VAPI number {} (area code {}, status {})", created.id(), areaCode, created.status());
            return created;
        });
    }

    public Optional<VapiDtos.PhoneNumber> findByRequestId(String requestId) {
        return guard.once(() -> api.listPhoneNumbers(listLimit)).stream()
                .filter(p -> PROVIDER.equals(p.provider()) && FreeNumberName.carries(p.name(), requestId))
                .findFirst();
    }

    /** One look, no waiting: a number that is still activating is the caller's to ask about again later. */
    public VapiDtos.PhoneNumber get(String vapiPhoneNumberId) {
        return guard.retrying(() -> guard.once(() -> api.getPhoneNumber(vapiPhoneNumberId)));
    }
}
