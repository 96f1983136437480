package io.switchboard.adapters.vapi.assistants;

import io.switchboard.adapters.vapi.client.VapiApi;
import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.errors.VapiFailure;
import io.switchboard.adapters.vapi.ledger.VapiCreations;
import io.switchboard.adapters.vapi.lookup.CreatedSinceLookup;
import io.switchboard.adapters.vapi.ownership.Owners;
import io.switchboard.contracts.commands.CreateAssistant;
import io.switchboard.contracts.commands.UpdateAssistant;
import io.switchboard.messaging.ledger.Claim;
import io.switchboard.messaging.ledger.Creation;
import io.switchboard.messaging.ledger.CreationGoneException;
import io.switchboard.messaging.ledger.CreationLedger;
import io.switchboard.messaging.ledger.HeldClaim;
import io.switchboard.messaging.resilience.ProviderGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Assistants at VAPI: created at most once per request (the creation ledger remembers what each request created),
 * deleted only when they are the command's organization's.
 */
public class VapiAssistants {
    private static final Logger log = LoggerFactory.getLogger(VapiAssistants.class);

    private final VapiApi api;
    private final ProviderGuard guard;
    private final AssistantSpec spec;
    private final CreationLedger ledger;
    private final CreatedSinceLookup lookup;

    public VapiAssistants(VapiApi api, ProviderGuard guard, AssistantSpec spec, CreationLedger ledger,
                          CreatedSinceLookup lookup) {
        this.api = api;
        this.guard = guard;
        this.spec = spec;
        this.ledger = ledger;
        this.lookup = lookup;
    }

    /**
     * The request's assistant: the one it created before if VAPI still has it, else the one an in-doubt earlier
     * attempt turns out to have created, else a new one. Retried as a whole, so a create that timed out after
     * succeeding is found on the next round, not repeated.
     */
    public VapiDtos.Assistant findOrCreate(CreateAssistant command, String sagaId) {
        Claim claim = new Claim(command.requestId(), VapiCreations.ASSISTANT, command.orgId(), sagaId);
        return guard.retrying(() -> ledger.attempt(claim, held -> findOrCreate(command, sagaId, held)));
    }

    private VapiDtos.Assistant findOrCreate(CreateAssistant command, String sagaId, HeldClaim held) {
        Creation creation = held.creation();
        Owners.requireClaimOf(command.orgId(), creation);
        if (creation.isCreated()) {
            Optional<VapiDtos.Assistant> existing = find(creation.resourceId());
            if (existing.isPresent()) {
                log.info("Assistant {} was already created for request {}", creation.resourceId(), command.requestId());
                return existing.get();
            }
            log.warn("Assistant {} created for request {} is gone at VAPI; not creating it again",
                    creation.resourceId(), command.requestId());
            throw new CreationGoneException(creation);
        } else if (!held.firstAttempt()) {
            Optional<VapiDtos.Assistant> found = createdSince(creation.claimedAt(), command.requestId());
            if (found.isPresent()) {
                Owners.requireAssistant(command.orgId(), found.get(), Optional.empty(), "adopt it");
                log.info("Adopting assistant {} that an in-doubt earlier attempt of request {} created",
                        found.get().id(), command.requestId());
                held.recordCreated(found.get().id());
                return found.get();
            }
        }
        VapiDtos.Assistant created = guard.once(() -> api.createAssistant(spec.build(command, sagaId)));
        held.recordCreated(created.id());
        log.info("Created VAPI assistant {} '{}' for request {}", created.id(), created.name(), command.requestId());
        return created;
    }

    /**
     * The assistant an earlier delivery of this request created, if any, found without creating anything: the one the
     * ledger recorded (if VAPI still has it), else — the create was in doubt when its worker died — the one VAPI
     * shows with this request's id, created since the claim. Empty when the request was never claimed here.
     */
    public Optional<VapiDtos.Assistant> earlierCreation(CreateAssistant command) {
        Optional<Creation> claimed = ledger.find(command.requestId(), VapiCreations.ASSISTANT)
                .filter(c -> command.orgId().equals(c.orgId()));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Creation creation = claimed.get();
        if (creation.isCreated()) {
            return find(creation.resourceId());
        }
        return createdSince(creation.claimedAt(), command.requestId())
                .filter(a -> command.orgId().equals(a.metadata().get(AssistantSpec.ORG_ID_KEY)));
    }

    /** The assistant VAPI shows with this request's id, created since the request was claimed (an in-doubt create). */
    private Optional<VapiDtos.Assistant> createdSince(java.time.Instant claimedAt, String requestId) {
        return lookup.find(claimedAt,
                (ge, lt, limit) -> guard.once(() -> api.listAssistantsCreated(ge, lt, limit)),
                VapiDtos.Assistant::createdAt,
                a -> a.metadata() != null && requestId.equals(a.metadata().get(AssistantSpec.REQUEST_ID_KEY)));
    }

    /**
     * Makes the organization's assistant run the command's configuration. Checked first like a delete: only an
     * assistant whose metadata (or the ledger) names the command's organization is changed.
     *
     * @throws io.switchboard.adapters.vapi.ownership.NotOwnedException when it is not the organization's
     * @throws VapiFailure NOT_FOUND when VAPI does not know the assistant
     */
    public VapiDtos.Assistant update(UpdateAssistant command) {
        return guard.retrying(() -> {
            VapiDtos.Assistant existing = guard.once(() -> api.getAssistant(command.assistantId()));
            Owners.requireAssistant(command.orgId(), existing, ledger.findByResource(command.assistantId()), "update it");
            VapiDtos.Assistant updated = guard.once(() -> api.updateAssistant(command.assistantId(),
                    AssistantSpec.update(existing, command.assistant())));
            log.info("Updated VAPI assistant {} to template {} version {} for request {}", updated.id(),
                    command.assistant().templateName(), command.assistant().templateVersion(), command.requestId());
            return updated;
        });
    }

    /**
     * Deletes the organization's assistant.
     *
     * @return {@code false} when VAPI no longer knew the assistant
     * @throws io.switchboard.adapters.vapi.ownership.NotOwnedException when it is not the organization's
     */
    public boolean delete(String orgId, String assistantId) {
        return guard.retrying(() -> {
            Optional<VapiDtos.Assistant> existing = find(assistantId);
            if (existing.isEmpty()) {
                return false;
            }
            Owners.requireAssistant(orgId, existing.get(), ledger.findByResource(assistantId), "delete it");
            try {
                guard.run(() -> api.deleteAssistant(assistantId));
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
     * Checks that a phone number may be bound to the assistant: it exists and is the organization's (a number bound
     * to another organization's assistant would send its callers there).
     *
     * @throws VapiFailure NOT_FOUND when VAPI does not know the assistant
     */
    public void requireBindable(String orgId, String assistantId, Function<String, Optional<Creation>> createdBy) {
        VapiDtos.Assistant assistant = guard.once(() -> api.getAssistant(assistantId));
        Owners.requireAssistant(orgId, assistant, createdBy.apply(assistantId), "bind a phone number to it");
    }

    /** The assistant a phone number is bound to, for judging the number's owner; empty when VAPI does not know it. */
    public Optional<Owners.BoundAssistant> bound(String assistantId, Function<String, Optional<Creation>> createdBy) {
        return find(Objects.requireNonNull(assistantId))
                .map(a -> new Owners.BoundAssistant(a, createdBy.apply(a.id())));
    }

    private Optional<VapiDtos.Assistant> find(String assistantId) {
        try {
            return Optional.of(guard.once(() -> api.getAssistant(assistantId)));
        } catch (VapiFailure e) {
            if (e.kind() == VapiFailure.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
