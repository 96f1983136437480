package io.switchboard.adapters.vapi.phonenumbers;

import io.switchboard.adapters.vapi.assistants.VapiAssistants;
import io.switchboard.adapters.vapi.client.VapiApi;
import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.errors.VapiFailure;
import io.switchboard.adapters.vapi.ledger.VapiCreations;
import io.switchboard.adapters.vapi.lookup.CreatedSinceLookup;
import io.switchboard.adapters.vapi.ownership.Owners;
import io.switchboard.contracts.commands.CreateFreePhoneNumber;
import io.switchboard.messaging.ledger.Claim;
import io.switchboard.messaging.ledger.Creation;
import io.switchboard.messaging.ledger.CreationGoneException;
import io.switchboard.messaging.ledger.CreationLedger;
import io.switchboard.messaging.ledger.HeldClaim;
import io.switchboard.messaging.resilience.ProviderGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Free VAPI numbers, created at most once per request: the creation ledger remembers each request's number, and an
 * in-doubt earlier create is found by its name tag among the numbers VAPI created since the claim, so a command
 * delivered twice (or retried after a timeout that in fact succeeded) uses one of the account's five, not two.
 * Waiting for activation is not done here: the saga polls with {@link #get} on durable timers.
 */
public class FreeVapiNumbers {
    private static final Logger log = LoggerFactory.getLogger(FreeVapiNumbers.class);
    private static final String PROVIDER = "vapi";

    private final VapiApi api;
    private final ProviderGuard guard;
    private final CreationLedger ledger;
    private final CreatedSinceLookup lookup;
    private final VapiAssistants assistants;

    public FreeVapiNumbers(VapiApi api, ProviderGuard guard, CreationLedger ledger, CreatedSinceLookup lookup,
                           VapiAssistants assistants) {
        this.api = api;
        this.guard = guard;
        this.ledger = ledger;
        this.lookup = lookup;
        this.assistants = assistants;
    }

    public VapiDtos.PhoneNumber findOrCreate(CreateFreePhoneNumber command, String sagaId) {
        Claim claim = new Claim(command.requestId(), VapiCreations.FREE_NUMBER, command.orgId(), sagaId);
        return guard.retrying(() -> ledger.attempt(claim, held -> findOrCreate(command, held)));
    }

    /**
     * What this request created before is found and reported first; the assistant is checked only before a number is
     * created bound to it, so an unanswered earlier create is not hidden by an assistant deleted since (see
     * {@link VapiPhoneNumbers}).
     */
    private VapiDtos.PhoneNumber findOrCreate(CreateFreePhoneNumber command, HeldClaim held) {
        Creation creation = held.creation();
        Owners.requireClaimOf(command.orgId(), creation);
        if (creation.isCreated()) {
            Optional<VapiDtos.PhoneNumber> existing = find(creation.resourceId());
            if (existing.isPresent()) {
                log.info("Free VAPI number {} was already created for request {}", creation.resourceId(), command.requestId());
                return existing.get();
            }
            log.warn("Free VAPI number {} created for request {} is gone at VAPI; not creating another",
                    creation.resourceId(), command.requestId());
            throw new CreationGoneException(creation);
        } else if (!held.firstAttempt()) {
            Optional<VapiDtos.PhoneNumber> found = createdSince(creation.claimedAt(), command);
            if (found.isPresent()) {
                log.info("Adopting free VAPI number {} that an in-doubt earlier attempt of request {} created",
                        found.get().id(), command.requestId());
                held.recordCreated(found.get().id());
                return found.get();
            }
        }
        if (command.assistantId() != null) {
            assistants.requireBindable(command.orgId(), command.assistantId(), held::findByResource);
        }
        VapiDtos.PhoneNumber created = guard.once(() -> api.createFreePhoneNumber(new VapiDtos.CreateVapiPhoneNumber(
                PROVIDER, command.areaCode(), command.assistantId(),
                PhoneNumberName.of(command.name(), command.orgId(), command.requestId()))));
        held.recordCreated(created.id());
        log.info("Created free VAPI number {} (area code {}, status {}) for request {}", created.id(),
                command.areaCode(), created.status(), command.requestId());
        return created;
    }

    /**
     * The free number an earlier delivery of this request got, found without creating anything: the one the ledger
     * recorded, else (its create was in doubt when its worker died) the one VAPI lists with this request's name tag.
     */
    public Optional<VapiDtos.PhoneNumber> earlierCreation(CreateFreePhoneNumber command) {
        Optional<Creation> claimed = ledger.find(command.requestId(), VapiCreations.FREE_NUMBER)
                .filter(c -> command.orgId().equals(c.orgId()));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        if (claimed.get().isCreated()) {
            return find(claimed.get().resourceId());
        }
        return createdSince(claimed.get().claimedAt(), command);
    }

    /** The free number VAPI lists with this request's name tag, created since the request was claimed. */
    private Optional<VapiDtos.PhoneNumber> createdSince(java.time.Instant claimedAt, CreateFreePhoneNumber command) {
        return lookup.find(claimedAt,
                (ge, lt, limit) -> guard.once(() -> api.listPhoneNumbersCreated(ge, lt, limit)),
                VapiDtos.PhoneNumber::createdAt,
                p -> PROVIDER.equals(p.provider()) && PhoneNumberName.carries(p.name(), command.orgId(), command.requestId()));
    }

    /** One look, no waiting: a number that is still activating is the caller's to ask about again later. */
    public VapiDtos.PhoneNumber get(String vapiPhoneNumberId) {
        return guard.retrying(() -> guard.once(() -> api.getPhoneNumber(vapiPhoneNumberId)));
    }

    private Optional<VapiDtos.PhoneNumber> find(String vapiPhoneNumberId) {
        try {
            return Optional.of(guard.once(() -> api.getPhoneNumber(vapiPhoneNumberId)));
        } catch (VapiFailure e) {
            if (e.kind() == VapiFailure.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
