package io.switchboard.adapters.vapi.ownership;

import io.switchboard.adapters.vapi.assistants.AssistantSpec;
import io.switchboard.adapters.vapi.client.VapiDtos;
import io.switchboard.adapters.vapi.phonenumbers.PhoneNumberName;
import io.switchboard.messaging.ledger.Creation;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides whose a VAPI resource is before the worker adopts, re-binds or deletes it, and refuses with
 * {@link NotOwnedException} unless it is the command's organization's. The evidence, strongest first:
 * <ol>
 *   <li>the worker's creation ledger: the request that created this id, and its organization;</li>
 *   <li>what Switchboard stored on the resource when it created it: an assistant's metadata ({@code orgId} and
 *       {@code switchboardRequestId}), a phone number's owner tag in its name ({@link PhoneNumberName});</li>
 *   <li>for a phone number without either (registered before tags existed): the assistant it is bound to, judged
 *       by 1 and 2.</li>
 * </ol>
 * A resource without any of these was not created by Switchboard for this organization and is never touched.
 */
public final class Owners {
    private Owners() {
    }

    /** The claim row of a request must be the command's organization's (request ids carry the saga id). */
    public static void requireClaimOf(String orgId, Creation claim) {
        if (!orgId.equals(claim.orgId())) {
            throw new NotOwnedException("request " + claim.requestId() + " (" + claim.kind() + ") was claimed by "
                    + "organization " + claim.orgId() + "; organization " + orgId + " may not act on it");
        }
    }

    /**
     * @param createdBy the ledger's creation of this assistant, if any
     * @param action    what the command would do, for the message ("delete it", "bind a number to it")
     */
    public static void requireAssistant(String orgId, VapiDtos.Assistant assistant, Optional<Creation> createdBy,
                                        String action) {
        String what = "VAPI assistant " + assistant.id() + " ('" + assistant.name() + "')";
        String owner = assistantOwner(assistant, createdBy).orElseThrow(() -> new NotOwnedException(what
                + " was not created by Switchboard for any organization (no " + AssistantSpec.ORG_ID_KEY + "/"
                + AssistantSpec.REQUEST_ID_KEY + " in its metadata, no ledger entry); organization " + orgId
                + " may not " + action));
        if (!owner.equals(orgId)) {
            throw new NotOwnedException(what + " belongs to organization " + owner + " (" + evidence(createdBy)
                    + "); organization " + orgId + " may not " + action);
        }
    }

    /**
     * @param createdBy      the ledger's creation of this phone number, if any
     * @param boundAssistant looks up the assistant the number is bound to, with its ledger entry (only asked when
     *                       the number itself carries no owner)
     */
    public static void requirePhoneNumber(String orgId, VapiDtos.PhoneNumber number, Optional<Creation> createdBy,
                                          Supplier<Optional<BoundAssistant>> boundAssistant, String action) {
        String what = "VAPI phone number " + number.id() + " (" + number.number() + ", name '" + number.name() + "')";
        String refusal = "; organization " + orgId + " may not " + action;
        if (createdBy.isPresent()) {
            if (!createdBy.get().orgId().equals(orgId)) {
                throw new NotOwnedException(what + " belongs to organization " + createdBy.get().orgId() + " ("
                        + evidence(createdBy) + ")" + refusal);
            }
            return;
        }
        if (PhoneNumberName.hasOwnerTag(number.name())) {
            if (!PhoneNumberName.taggedFor(number.name(), orgId)) {
                throw new NotOwnedException(what + " carries another organization's owner tag in its name" + refusal);
            }
            return;
        }
        if (number.assistantId() == null) {
            throw new NotOwnedException(what + " carries no Switchboard owner (no ledger entry, no owner tag) and"
                    + " is bound to no assistant: not created by Switchboard for this organization" + refusal);
        }
        BoundAssistant bound = boundAssistant.get().orElseThrow(() -> new NotOwnedException(what
                + " carries no Switchboard owner and is bound to assistant " + number.assistantId()
                + ", which VAPI no longer knows" + refusal));
        Optional<String> owner = assistantOwner(bound.assistant(), bound.createdBy());
        if (owner.isEmpty()) {
            throw new NotOwnedException(what + " carries no Switchboard owner and is bound to assistant "
                    + bound.assistant().id() + ", which Switchboard did not create for any organization" + refusal);
        }
        if (!owner.get().equals(orgId)) {
            throw new NotOwnedException(what + " is bound to assistant " + bound.assistant().id()
                    + " of organization " + owner.get() + refusal);
        }
    }

    /** An assistant a phone number is bound to, with the ledger's creation of it. */
    public record BoundAssistant(VapiDtos.Assistant assistant, Optional<Creation> createdBy) {
    }

    private static Optional<String> assistantOwner(VapiDtos.Assistant assistant, Optional<Creation> createdBy) {
        if (createdBy.isPresent()) {
            return Optional.of(createdBy.get().orgId());
        }
        Map<String, Object> metadata = assistant.metadata();
        if (metadata == null || metadata.get(AssistantSpec.REQUEST_ID_KEY) == null
                || metadata.get(AssistantSpec.ORG_ID_KEY) == null) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(metadata.get(AssistantSpec.ORG_ID_KEY)));
    }

    private static String evidence(Optional<Creation> createdBy) {
        return createdBy.map(c -> "created for request " + c.requestId() + " per the worker's ledger")
                .orElse("per the owner Switchboard stored on it");
    }
}
