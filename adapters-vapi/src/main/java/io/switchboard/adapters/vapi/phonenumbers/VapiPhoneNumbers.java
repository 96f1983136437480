package io.switchboard.adapters.vapi.phonenumbers;

import io.switchboard.adapters.vapi.assistants.VapiAssistants;
import io.switchboard.adapters.vapi.client.VapiApi;
import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.errors.VapiFailure;
import io.switchboard.adapters.vapi.ledger.VapiCreations;
import io.switchboard.adapters.vapi.lookup.LookupTooLargeException;
import io.switchboard.adapters.vapi.ownership.Owners;
import io.switchboard.contracts.commands.RegisterPhoneNumber;
import io.switchboard.credentials.twilio.TwilioAccount;
import io.switchboard.messaging.ledger.Claim;
import io.switchboard.messaging.ledger.Creation;
import io.switchboard.messaging.ledger.CreationGoneException;
import io.switchboard.messaging.ledger.CreationLedger;
import io.switchboard.messaging.ledger.HeldClaim;
import io.switchboard.messaging.resilience.ProviderGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Twilio numbers registered (imported) at VAPI, with the Twilio account's SID and auth token inline as
 * {@code CreateTwilioPhoneNumberDTO} defines it. One E.164 number has at most one registration per VAPI account, so
 * registering looks the number up first ({@code GET /v2/phone-number?search=}, exact match on our side): a
 * registration of the command's organization is adopted and re-bound to the wanted assistant if needed; one of
 * another organization, or one Switchboard did not create, is never touched.
 */
public class VapiPhoneNumbers {
    private static final Logger log = LoggerFactory.getLogger(VapiPhoneNumbers.class);
    private static final String PROVIDER = "twilio";

    private final VapiApi api;
    private final ProviderGuard guard;
    private final CreationLedger ledger;
    private final VapiAssistants assistants;
    private final int searchPageSize;
    private final int maxSearchPages;

    public VapiPhoneNumbers(VapiApi api, ProviderGuard guard, CreationLedger ledger, VapiAssistants assistants,
                            int searchPageSize, int maxSearchPages) {
        this.api = api;
        this.guard = guard;
        this.ledger = ledger;
        this.assistants = assistants;
        this.searchPageSize = searchPageSize;
        this.maxSearchPages = maxSearchPages;
    }

    public VapiDtos.PhoneNumber register(RegisterPhoneNumber command, String sagaId, TwilioAccount account) {
        Claim claim = new Claim(command.requestId(), VapiCreations.REGISTRATION, command.orgId(), sagaId);
        return guard.retrying(() -> ledger.attempt(claim, held -> register(command, account, held)));
    }

    /**
     * What this request registered before is found and reported first; the assistant is checked only before a
     * binding is made (an import, a re-bind). An earlier attempt's import may have happened unanswered (a 500 after
     * VAPI made it), and the assistant may be gone since (ops stopped the saga, its compensation deleted it): a
     * check first would fail the attempt and hide the import from the saga that must undo it (chaos run 23).
     */
    private VapiDtos.PhoneNumber register(RegisterPhoneNumber command, TwilioAccount account, HeldClaim held) {
        Creation creation = held.creation();
        Owners.requireClaimOf(command.orgId(), creation);
        if (creation.isCreated()) {
            Optional<VapiDtos.PhoneNumber> registered = find(creation.resourceId());
            if (registered.isPresent()) {
                log.info("{} was already registered as {} for request {}", command.phoneNumber(),
                        creation.resourceId(), command.requestId());
                return bound(command.orgId(), registered.get(), command.assistantId(), held);
            }
            log.warn("Registration {} made for request {} is gone at VAPI; not registering {} again",
                    creation.resourceId(), command.requestId(), command.phoneNumber());
            throw new CreationGoneException(creation);
        }
        Optional<VapiDtos.PhoneNumber> existing = findByNumber(command.phoneNumber());
        if (existing.isPresent()) {
            VapiDtos.PhoneNumber found = existing.get();
            Owners.requirePhoneNumber(command.orgId(), found, held.findByResource(found.id()),
                    () -> found.assistantId() == null ? Optional.empty()
                            : assistants.bound(found.assistantId(), held::findByResource),
                    "adopt or re-bind it");
            log.info("Adopting the organization's existing VAPI registration {} of {}", found.id(), found.number());
            VapiDtos.PhoneNumber adopted = bound(command.orgId(), found, command.assistantId(), held);
            held.recordCreated(adopted.id());
            return adopted;
        }
        if (command.assistantId() != null) {
            assistants.requireBindable(command.orgId(), command.assistantId(), held::findByResource);
        }
        VapiDtos.PhoneNumber created = create(command, account);
        held.recordCreated(created.id());
        log.info("Registered {} at VAPI as {} bound to assistant {}", command.phoneNumber(), created.id(),
                created.assistantId());
        return created;
    }

    /**
     * The registration an earlier delivery of this request made, found without registering anything: the one the
     * ledger recorded, else (in doubt when its worker died) the number's registration at VAPI if its name carries
     * this organization's and request's tag. An adopted registration an older line made is not this request's.
     */
    public Optional<VapiDtos.PhoneNumber> earlierRegistration(RegisterPhoneNumber command) {
        Optional<Creation> claimed = ledger.find(command.requestId(), VapiCreations.REGISTRATION)
                .filter(c -> command.orgId().equals(c.orgId()));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        if (claimed.get().isCreated()) {
            return find(claimed.get().resourceId());
        }
        return guard.retrying(() -> findByNumber(command.phoneNumber()))
                .filter(p -> PhoneNumberName.carries(p.name(), command.orgId(), command.requestId()));
    }

    /**
     * Deletes the organization's registration.
     *
     * @return {@code false} when VAPI no longer knew it
     * @throws io.switchboard.adapters.vapi.ownership.NotOwnedException when it is not the organization's
     */
    public boolean delete(String orgId, String vapiPhoneNumberId) {
        return guard.retrying(() -> {
            Optional<VapiDtos.PhoneNumber> existing = find(vapiPhoneNumberId);
            if (existing.isEmpty()) {
                return false;
            }
            VapiDtos.PhoneNumber number = existing.get();
            Owners.requirePhoneNumber(orgId, number, ledger.findByResource(number.id()),
                    () -> number.assistantId() == null ? Optional.empty()
                            : assistants.bound(number.assistantId(), ledger::findByResource),
                    "delete it");
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

    /**
     * Binds the organization's number (a Twilio registration or a free VAPI number) to another of its assistants;
     * nothing is sent when it is bound to it already.
     *
     * @return the number as VAPI holds it now
     * @throws io.switchboard.adapters.vapi.ownership.NotOwnedException when the number or the assistant is not the
     *         organization's: nothing was changed
     * @throws VapiFailure {@code NOT_FOUND} when VAPI does not know the number
     */
    public VapiDtos.PhoneNumber bind(String orgId, String vapiPhoneNumberId, String assistantId) {
        return guard.retrying(() -> {
            VapiDtos.PhoneNumber number = guard.once(() -> api.getPhoneNumber(vapiPhoneNumberId));
            Owners.requirePhoneNumber(orgId, number, ledger.findByResource(number.id()),
                    () -> number.assistantId() == null ? Optional.empty()
                            : assistants.bound(number.assistantId(), ledger::findByResource),
                    "re-bind it");
            assistants.requireBindable(orgId, assistantId, ledger::findByResource);
            if (assistantId.equals(number.assistantId())) {
                return number;
            }
            log.info("Binding VAPI phone number {} ({}) of organization {} from assistant {} to {}", number.id(),
                    number.provider(), orgId, number.assistantId(), assistantId);
            return guard.once(() -> api.rebindPhoneNumber(number.id(),
                    new VapiDtos.UpdatePhoneNumberAssistant(number.provider(), assistantId)));
        });
    }

    /**
     * The registration of an E.164 number, found with the document's search (partial match on name, number or SIP
     * URI) and matched exactly here, page by page: the search term is the whole number, so few pages at most.
     */
    Optional<VapiDtos.PhoneNumber> findByNumber(String number) {
        String wanted = normalize(number);
        for (int page = 1; page <= maxSearchPages; page++) {
            int current = page;
            VapiDtos.PhoneNumberPage answer = guard.once(() -> api.searchPhoneNumbers(number, current, searchPageSize));
            List<VapiDtos.PhoneNumber> results = answer.results() == null ? List.of() : answer.results();
            Optional<VapiDtos.PhoneNumber> match = results.stream()
                    .filter(p -> p.number() != null && normalize(p.number()).equals(wanted))
                    .findFirst();
            if (match.isPresent() || results.size() < searchPageSize || isLastPage(answer.metadata(), page)) {
                return match;
            }
        }
        throw new LookupTooLargeException("searching VAPI for " + number
                + " returned more than " + maxSearchPages + " pages of " + searchPageSize + " partial matches");
    }

    /**
     * Points the registration at the wanted assistant unless it already is ({@code UpdateTwilioPhoneNumberDTO}), once
     * the assistant is known to be the organization's.
     */
    private VapiDtos.PhoneNumber bound(String orgId, VapiDtos.PhoneNumber registration, String assistantId,
                                       HeldClaim held) {
        if (assistantId == null || assistantId.equals(registration.assistantId())) {
            return registration;
        }
        assistants.requireBindable(orgId, assistantId, held::findByResource);
        log.info("Re-binding VAPI registration {} of {} from assistant {} to {}", registration.id(),
                registration.number(), registration.assistantId(), assistantId);
        return guard.once(() -> api.updatePhoneNumber(registration.id(),
                new VapiDtos.UpdateTwilioPhoneNumber(PROVIDER, assistantId)));
    }

    private VapiDtos.PhoneNumber create(RegisterPhoneNumber command, TwilioAccount account) {
        VapiDtos.CreateTwilioPhoneNumber body = new VapiDtos.CreateTwilioPhoneNumber(PROVIDER, command.phoneNumber(),
                account.accountSid(), account.authToken(), command.assistantId(),
                PhoneNumberName.of(command.name(), command.orgId(), command.requestId()));
        return guard.once(() -> {
            try {
                return api.createPhoneNumber(body);
            } catch (VapiFailure e) {
                // Whatever VAPI echoed (its answers may include the token), it leaves here redacted, before any
                // retry log, circuit breaker or reply sees the message.
                throw new VapiFailure(e.kind(), e.httpStatus(), account.redact(e.getMessage()));
            }
        });
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

    private static boolean isLastPage(VapiDtos.PaginationMeta meta, int page) {
        if (meta == null) {
            return false;
        }
        if (meta.hasNextPage() != null) {
            return !meta.hasNextPage();
        }
        return meta.totalPages() != null && page >= meta.totalPages();
    }

    /** "+1 (415) 555-1234" and "+14155551234" are the same number. */
    static String normalize(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        return "+" + digits;
    }
}
