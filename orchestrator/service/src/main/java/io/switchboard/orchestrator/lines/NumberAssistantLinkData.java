package io.switchboard.orchestrator.lines;

import io.switchboard.contracts.replies.PhoneNumberRegistered;

/**
 * What the {@code number-assistant-link} saga knows: the line's number (its id as the tenant API shows it, and its
 * VAPI id), the assistant it is to be bound to and the one it was bound to (the undo binds it back there).
 */
public record NumberAssistantLinkData(String orgId, String numberId, String phoneNumber, String vapiPhoneNumberId,
                                      String previousAssistantId, String assistantId) {

    NumberAssistantLinkData withBinding(PhoneNumberRegistered reply) {
        return new NumberAssistantLinkData(orgId, numberId, phoneNumber, reply.vapiPhoneNumberId(),
                previousAssistantId, reply.assistantId());
    }
}
